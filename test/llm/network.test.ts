// With the LLM review off (the default), a review opens no socket and calls no fetch — checked by spying on the
// lowest-level connect that every Node client (http, undici's fetch, net) goes through, with a control that it sees one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { review } from '../../src/api.js';
import { main } from '../../src/cli/main.js';
import { startServer } from './server.js';

// The LLM transport requires undici at run time; spying on that module object sees its calls.
const undici = createRequire(import.meta.url)('undici') as typeof import('undici');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pillar-llm-net-'));
  writeFileSync(join(dir, 'a.py'), 'import subprocess\n\n\ndef run(user_cmd):\n    subprocess.call(user_cmd, shell=True)\n');
});

afterEach(() => vi.restoreAllMocks());

function spyNetwork(): { connects: () => number; fetches: () => number } {
  const connect = vi.spyOn(net.Socket.prototype, 'connect');
  const globalFetch = vi.spyOn(globalThis, 'fetch');
  const undiciFetch = vi.spyOn(undici, 'fetch');
  return { connects: () => connect.mock.calls.length, fetches: () => globalFetch.mock.calls.length + undiciFetch.mock.calls.length };
}

describe('no network without --llm', () => {
  it('review() and `pillar review` open no socket', async () => {
    const spy = spyNetwork();
    const report = await review({ paths: [dir] });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.stats.llm).toBeUndefined();
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['review', dir, '--no-progress', '--format', 'json'])).toBe(1);
    expect(spy.connects()).toBe(0);
    expect(spy.fetches()).toBe(0);
  });

  it('control: the same spy sees the connection when the LLM review is on', async () => {
    const server = await startServer();
    server.handle((_r, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"choices":[{"message":{"content":"{\\"defects\\":[]}"}}]}'); });
    const spy = spyNetwork();
    await review({ paths: [dir], llm: { endpoint: server.url, model: 'm' } });
    expect(spy.fetches()).toBe(1);
    expect(spy.connects()).toBeGreaterThan(0);
    vi.restoreAllMocks();
    await server.close();
  });
});
