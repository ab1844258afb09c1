// The requests/httpx call model that the timeout and TLS-verification rules share.
import { describe, expect, it } from 'vitest';
import { httpClientCall } from '../../src/models/python/httpClients.js';

describe('httpClientCall', () => {
  it('knows the request functions of requests (also through requests.api) and httpx', () => {
    expect(httpClientCall('requests.get')).toEqual({ name: 'requests.get', library: 'requests', verb: 'get', viaApi: false });
    expect(httpClientCall('requests.api.post')).toEqual({ name: 'requests.api.post', library: 'requests', verb: 'post', viaApi: true });
    expect(httpClientCall('httpx.AsyncClient')).toEqual({ name: 'httpx.AsyncClient', library: 'httpx', verb: 'AsyncClient', viaApi: false });
  });

  it('answers null for anything else', () => {
    for (const name of [null, 'get', 'requests', 'requests.Session', 'requests.stream', 'requests.api.x.get', 'httpx.api.get', 'urllib.request.urlopen', 'requestsx.get']) {
      expect(httpClientCall(name)).toBeNull();
    }
  });
});
