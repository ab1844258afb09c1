// `pillar review --llm…` and `pillar explain llm-review` in-process: flag and config handling, where the API key
// may go, and --llm-show-rejected on standard error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, type Run } from '../harness/cli.js';
import { sendCompletion, startServer, type TestServer } from './server.js';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'pillar-llm-cli-'));
  writeFileSync(join(dir, 'b.py'), "import os\n\n\ndef read(name):\n    return open(os.path.join('/srv/data', name)).read()\n");
  writeFileSync(join(dir, 'msg.txt'), 'Read files by name\n');
});

afterAll(async () => { await server.close(); });
afterEach(() => { vi.restoreAllMocks(); vi.unstubAllEnvs(); });

const run = (...argv: string[]): Promise<Run> => runCli(argv);

const TRAVERSAL = { defect_type: 664, line: 5, end_line: 5, cwe: 22, quote: "os.path.join('/srv/data', name)", description: 'name may hold ../', reachability: 'the name parameter comes from the API request', solution: 'Check the resolved path', confidence: 'high' };

describe('pillar review --llm-endpoint', () => {
  it('reports verified claims, lists rejected ones on stderr, and sends the key from the named variable', async () => {
    vi.stubEnv('MY_LLM_KEY', 'sk-cli');
    server.seen.length = 0;
    server.handle((_r, res) => sendCompletion(res, { defects: [TRAVERSAL, { ...TRAVERSAL, line: 2, end_line: 2 }] }));
    const r = await run('review', join(dir, 'b.py'), '--no-progress', '--llm-endpoint', server.url, '--llm-model', 'm',
      '--llm-api-key-env', 'MY_LLM_KEY', '--llm-show-rejected', '--llm-commit-message-file', join(dir, 'msg.txt'), '--llm-retries', '0');
    expect(r.code).toBe(1);
    expect(r.out).toContain(':5:17: llm-review');
    expect(r.err).toContain('LLM review: 1 claim rejected:');
    expect(r.err).toContain(':2 CWE-22: wrong-lines: the quote is at line 5, not at line 2');
    expect(server.seen[0]!.headers.authorization).toBe('Bearer sk-cli');
    expect(server.seen[0]!.body.messages[1]!.content).toContain('Read files by name');
  });

  it('takes the endpoint from the config only with --llm, and never sends the key there', async () => {
    vi.stubEnv('PILLAR_LLM_API_KEY', 'sk-default');
    const config = join(dir, 'llm.yml');
    writeFileSync(config, `llm-endpoint: ${server.url}\nllm-model: cfg-model\nllm-response-format: json_object\n`);
    server.seen.length = 0;
    server.handle((_r, res) => sendCompletion(res, { defects: [] }));
    const off = await run('review', join(dir, 'b.py'), '--no-progress', '--config', config);
    expect(off.code).toBe(0);
    expect(server.seen).toHaveLength(0);
    const on = await run('review', join(dir, 'b.py'), '--no-progress', '--config', config, '--llm', '--format', 'json');
    expect(on.code).toBe(0);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]!.headers.authorization).toBeUndefined();
    expect(server.seen[0]!.body).toMatchObject({ model: 'cfg-model', response_format: { type: 'json_object' } });
    expect(on.err).toContain('not sending $PILLAR_LLM_API_KEY to the endpoint from');
    expect(JSON.parse(on.out).stats.llm).toMatchObject({ model: 'cfg-model', units: 1 });
  });

  it('rejects LLM flags without the review turned on, a missing model, and bad numbers', async () => {
    expect((await run('review', dir, '--llm-model', 'm')).err).toContain('--llm-model needs the LLM review turned on');
    expect((await run('review', dir, '--llm-endpoint', server.url)).err).toContain('needs a model');
    const bad = await run('review', dir, '--llm-endpoint', server.url, '--llm-model', 'm', '--llm-concurrency', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--llm-concurrency takes a whole number of at least 1');
    expect((await run('review', dir, '--llm-endpoint', 'ftp://x', '--llm-model', 'm')).err).toContain('must be http(s)');
    expect((await run('review', dir, '--llm-replay', dir, '--llm-record', dir, '--llm-model', 'm')).err).toContain('either --llm-record or --llm-replay');
    const config = join(dir, 'bad.yml');
    writeFileSync(config, 'llm-api-key-env: AWS_SECRET_ACCESS_KEY\n');
    expect((await run('review', dir, '--config', config)).err).toContain("unknown key 'llm-api-key-env'");
  });
});

describe('pillar explain llm-review', () => {
  it('documents the pseudo-rule and its verification rules', async () => {
    const r = await run('explain', 'llm-review');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# llm-review\n/);
    expect(r.out).toContain('its quote is the code on those lines');
  });
});
