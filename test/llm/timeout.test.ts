// --llm-timeout governs connecting, waiting for the headers and each pause in the body, over the HTTP client's own
// limits: undici's are 300 s, which stopped every slow local model (issue 19). Here the client's limits are injected
// at 1 ms and the loopback server answers 1.5 s later, so the test shows the option winning in seconds instead of
// five minutes (undici checks these limits on a 1-second clock, so any pause shorter than that would prove nothing).
// An overall limit still stops a body that trickles forever.
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { liveSender, type Attempt, type LiveSender } from '../../src/llm/transport.js';
import { startServer, type TestServer } from './server.js';

let server: TestServer;
let sender: LiveSender | undefined;
const timers: NodeJS.Timeout[] = [];

beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });
afterEach(async () => {
  // clearTimeout also clears an interval: Node keeps both in one kind of Timeout object.
  for (const t of timers.splice(0)) clearTimeout(t);
  await sender?.close();
  sender = undefined;
});

// Stand-ins for undici's own limits: any pause past its 1-second timer tick breaks them.
const CLIENT_DEFAULTS = { headersTimeout: 1, bodyTimeout: 1, connectTimeout: 1 };
const PAST_THE_DEFAULTS_MS = 1_500;
const ANSWER = JSON.stringify({ choices: [{ message: { content: '{"defects": []}' } }] });

function later(ms: number, then: () => void): void {
  timers.push(setTimeout(then, ms));
}

function send(timeoutMs: number): Promise<Attempt> {
  sender = liveSender(`${server.url}/chat/completions`, undefined, timeoutMs, CLIENT_DEFAULTS);
  return sender.send('{}');
}

function respond(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ANSWER) });
}

describe('--llm-timeout over the HTTP client', () => {
  it('waits for headers that come after the client default', async () => {
    server.handle((_r, res) => later(PAST_THE_DEFAULTS_MS, () => { respond(res); res.end(ANSWER); }));
    expect(await send(10_000)).toMatchObject({ kind: 'response', status: 200, body: ANSWER });
  });

  it('waits through a pause in the body longer than the client default', async () => {
    server.handle((_r, res) => {
      respond(res);
      res.write(ANSWER.slice(0, 10));
      later(PAST_THE_DEFAULTS_MS, () => res.end(ANSWER.slice(10)));
    });
    expect(await send(10_000)).toMatchObject({ kind: 'response', status: 200, body: ANSWER });
  });

  it('still stops a body that keeps trickling past the limit as a timeout', async () => {
    server.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => res.write(' '), 20);
      timers.push(drip);
    });
    const attempt = await send(300);
    expect(attempt).toEqual({ kind: 'failure', failure: 'timeout', message: 'the answer did not finish within 0.3 s' });
  });

  it('stops headers that do not come within the limit as a timeout', async () => {
    server.handle(() => { /* never answers */ });
    expect(await send(200)).toEqual({ kind: 'failure', failure: 'timeout', message: 'no answer within 0.2 s' });
  });
});
