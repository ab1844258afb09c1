// The LLM second opinion end to end against a scripted local OpenAI-compatible server: kept, corroborated and
// rejected claims, and every way an endpoint can fail (bad JSON, cut bodies and streams, 429/5xx, timeouts, down).
import { Ajv } from 'ajv';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review, type ReviewOptions } from '../../src/api.js';
import type { LlmOptions, RejectedClaim } from '../../src/llm/types.js';
import { render } from '../../src/reporters/index.js';
import {
  fileOf, sendCompletion, sendJson, sendTruncated, sendTruncatedStream, startServer, userText, type TestServer,
} from './server.js';

let server: TestServer;
let dir: string;
const A = 'a.py';
const B = 'b.py';

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'pillar-llm-'));
  // a.py: a rule finds the shell injection on line 5. b.py: nothing a rule finds; the path join on line 5.
  writeFileSync(join(dir, A), 'import subprocess\n\n\ndef run(user_cmd):\n    subprocess.call(user_cmd, shell=True)\n');
  writeFileSync(join(dir, B), "import os\n\n\ndef read(name):\n    return open(os.path.join('/srv/data', name)).read()  # data\n");
});

afterAll(async () => {
  await server.close();
});

const SHELL = { defect_type: 707, line: 5, end_line: 5, cwe: 78, quote: 'subprocess.call(user_cmd, shell=True)', description: 'user_cmd goes through a shell', reachability: 'run() passes user_cmd from its caller unchanged', solution: 'Use a list without shell=True', confidence: 'high' };
const TRAVERSAL = { defect_type: 664, line: 5, end_line: 5, cwe: 22, quote: "os.path.join('/srv/data', name)", description: 'name may hold ../ and leave /srv/data', reachability: 'the name parameter comes from the API request', solution: 'Resolve the path and check it stays under /srv/data', confidence: 'high' };

function llm(over: Partial<LlmOptions> = {}): LlmOptions {
  return { endpoint: server.url, model: 'test-model', retryBaseMs: 5, concurrency: 1, ...over };
}

async function run(over: Partial<LlmOptions> = {}, options: Partial<ReviewOptions> = {}) {
  server.seen.length = 0;
  return review({ paths: [join(dir, A), join(dir, B)], ...options, llm: llm(over) });
}

const byFile = (answers: Record<string, unknown>) => (request: Parameters<Parameters<TestServer['handle']>[0]>[0], res: Parameters<Parameters<TestServer['handle']>[0]>[1]) => {
  const name = fileOf(request).split('/').pop()!;
  sendCompletion(res, answers[name] ?? { defects: [] });
};

describe('claims that pass verification', () => {
  it('become llm-review findings, or corroborate the rule finding on the same lines and pillar', async () => {
    server.handle(byFile({ [A]: { defects: [SHELL] }, [B]: { defects: [TRAVERSAL] } }));
    const report = await run();
    const shell = report.findings.find((f) => f.ruleId === 'subprocess-shell-true')!;
    expect(shell.corroboratedBy).toBe('llm');
    expect(report.findings.filter((f) => f.ruleId === 'llm-review' && f.cwe === 78)).toEqual([]);
    const llmFinding = report.findings.find((f) => f.ruleId === 'llm-review')!;
    expect(llmFinding).toMatchObject({
      source: 'llm', cwe: 22, pillar: 664, severity: 'high', confidence: 'medium', file: join(dir, B),
      range: { startLine: 5, startColumn: 17, endLine: 5, endColumn: 48 },
      message: `${TRAVERSAL.description}. Reachable: ${TRAVERSAL.reachability}`, remediation: TRAVERSAL.solution,
    });
    expect(llmFinding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(report.stats.llm).toEqual({ model: 'test-model', units: 2, requests: 2, tokens: 240, kept: 1, corroborated: 1, rejected: {}, failed: 0, skipped: 0 });
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(JSON.parse(render('json', report))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('sends the numbered code, the selection, the rule findings and the commit message, asking for a JSON schema', async () => {
    server.handle(byFile({}));
    await run({ commitMessage: 'Run the user command\n\nCloses-Bug: #1' }, { pillars: [707, 664] });
    const request = server.seen.find((s) => fileOf(s.body).endsWith(A))!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.body).toMatchObject({ model: 'test-model', temperature: 0, stream: false, response_format: { type: 'json_schema' } });
    const text = userText(request.body);
    expect(text).toContain('- CWE-664 Improper Control of a Resource Through its Lifetime');
    expect(text).toContain('- CWE-707 Improper Neutralization');
    expect(text).not.toContain('CWE-284');
    expect(text).toContain('5 |     subprocess.call(user_cmd, shell=True)');
    expect(text).toMatch(/line 5: defect type CWE-707, CWE-78 \(subprocess-shell-true\)/);
    expect(text).toContain('Run the user command');
    expect(request.headers.authorization).toBeUndefined();
  });

  it('keeps one of two identical claims and honours # pillar: ignore[llm-review]', async () => {
    const suppressedDir = mkdtempSync(join(tmpdir(), 'pillar-llm-sup-'));
    writeFileSync(join(suppressedDir, B), "import os\n\n\ndef read(name):\n    return open(os.path.join('/srv/data', name)).read()  # pillar: ignore[llm-review]\n");
    server.handle(byFile({ [B]: { defects: [TRAVERSAL, TRAVERSAL] } }));
    const report = await review({ paths: [join(dir, B)], llm: llm() });
    expect(report.stats.llm?.rejected).toEqual({ duplicate: 1 });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['llm-review']);
    const quiet = await review({ paths: [join(suppressedDir, B)], llm: llm() });
    expect(quiet.findings).toEqual([]);
    expect(quiet.stats.suppressed).toBe(1);
  });
});

describe('claims that fail verification', () => {
  it('are dropped and counted by reason: vague, wrong lines, invented quotes, outside the selection or the claimed pillar, no reachability', async () => {
    server.handle(byFile({
      [B]: {
        defects: [
          { ...TRAVERSAL, description: 'Ensure proper input validation and access control.' },
          { ...TRAVERSAL, line: 1, end_line: 1 },
          { ...TRAVERSAL, quote: 'os.path.join(BASE, name)' },
          { ...TRAVERSAL, cwe: 798 },
          { ...TRAVERSAL, defect_type: 284, cwe: 284 },
          { ...TRAVERSAL, reachability: '' },
          { line: 'five', cwe: 22 },
        ],
      },
    }));
    let rejected: RejectedClaim[] = [];
    const report = await run({ onRejected: (list) => { rejected = list; } }, { pillars: [664] });
    expect(report.findings).toEqual([]);
    expect(report.stats.llm?.rejected).toEqual({
      vague: 1, 'wrong-lines': 1, 'invented-quote': 1, 'cwe-not-under-pillar': 1, 'not-selected': 1, 'no-reachability': 1, malformed: 1,
    });
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [null, 'malformed'], [1, 'wrong-lines'], [5, 'cwe-not-under-pillar'], [5, 'invented-quote'], [5, 'no-reachability'], [5, 'not-selected'], [5, 'vague'],
    ]);
    expect(rejected.find((r) => r.reason === 'cwe-not-under-pillar')?.detail).toBe('CWE-798 does not lie under CWE-664 in View 1000 (its pillar is CWE-284)');
    expect(rejected.find((r) => r.reason === 'wrong-lines')?.detail).toBe('the quote is at line 5, not at line 1');
  });
});

describe('endpoints that answer badly', () => {
  const codes = (report: Awaited<ReturnType<typeof review>>) => report.diagnostics.filter((d) => d.code.startsWith('llm')).map((d) => [d.file.split('/').pop(), d.code]);

  it('malformed JSON: a per-file diagnostic, and the rules still report', async () => {
    server.handle((request, res) => sendCompletion(res, fileOf(request).endsWith(A) ? 'Sure! The defects are: [{"line": 5,' : { defects: [TRAVERSAL] }));
    const report = await run();
    expect(codes(report)).toEqual([[A, 'llm-bad-answer']]);
    expect(report.diagnostics[0]!.message).toContain('not JSON');
    expect(report.findings.map((f) => f.ruleId)).toEqual(['subprocess-shell-true', 'llm-review']);
    expect(report.stats.llm).toMatchObject({ failed: 1, kept: 1 });
  });

  it('reads JSON from a code fence when the server has no structured output', async () => {
    server.handle((_r, res) => sendCompletion(res, `Here you go:\n\`\`\`json\n${JSON.stringify({ defects: [TRAVERSAL] })}\n\`\`\``));
    const report = await run({ responseFormat: 'text' });
    expect(server.seen[0]!.body.response_format).toBeUndefined();
    expect(report.findings.some((f) => f.ruleId === 'llm-review')).toBe(true);
  });

  it('falls back from json_schema to json_object when the server refuses it, and remembers', async () => {
    server.handle((request, res) => {
      if (request.response_format?.type === 'json_schema') sendJson(res, 400, { error: { message: "response_format 'json_schema' is not supported" } });
      else byFile({ [B]: { defects: [TRAVERSAL] } })(request, res);
    });
    const report = await run();
    expect(server.seen.map((s) => s.body.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(report.findings.some((f) => f.ruleId === 'llm-review')).toBe(true);
    expect(codes(report)).toEqual([]);
  });

  it('a body cut short is retried, then reported', async () => {
    server.handle((_r, res) => sendTruncated(res));
    const report = await run({ maxRetries: 1 });
    expect(server.seen).toHaveLength(4);
    expect(codes(report)).toEqual([[A, 'llm-error'], [B, 'llm-error']]);
    expect(report.diagnostics.find((d) => d.code === 'llm-error')!.message).toMatch(/closed mid-answer .*\(2 attempts\)/);
  });

  it('a stream that stops before [DONE] is a bad answer', async () => {
    server.handle((_r, res) => sendTruncatedStream(res));
    const report = await run();
    expect(codes(report)).toEqual([[A, 'llm-bad-answer'], [B, 'llm-bad-answer']]);
    expect(report.diagnostics.find((d) => d.code === 'llm-bad-answer')!.message).toContain('ended before the answer was complete');
  });

  it('429 with Retry-After: waits as asked, then uses the answer', async () => {
    const times: number[] = [];
    server.handle((request, res, seen) => {
      times.push(Date.now());
      if (seen.length === 1) sendJson(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '1' });
      else byFile({ [B]: { defects: [TRAVERSAL] } })(request, res);
    });
    const report = await run();
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(report.stats.llm).toMatchObject({ requests: 3, kept: 1, failed: 0 });
  });

  it('5xx is retried with backoff until the retries run out', async () => {
    server.handle((_r, res) => sendJson(res, 503, { error: { message: 'model loading' } }));
    const report = await run({ maxRetries: 2 });
    expect(server.seen).toHaveLength(6);
    expect(report.diagnostics.find((d) => d.code === 'llm-error')!.message).toContain('answered 503 after 3 attempts: model loading');
  });

  it('a server that never answers times out per attempt', async () => {
    server.handle(() => { /* never answers */ });
    const started = Date.now();
    const report = await run({ timeoutMs: 300, maxRetries: 0 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(codes(report)).toEqual([[A, 'llm-error'], [B, 'llm-error']]);
    expect(report.diagnostics.find((d) => d.code === 'llm-error')!.message).toContain('no answer within 0.3 s');
  });

  it('an endpoint that is down fails the first file and skips the rest', async () => {
    const down = await startServer();
    await down.close();
    const report = await review({ paths: [join(dir, A), join(dir, B)], llm: { ...llm(), endpoint: down.url, maxRetries: 1 } });
    expect(codes(report)).toEqual([[A, 'llm-error'], [B, 'llm-skipped']]);
    expect(report.diagnostics.find((d) => d.code === 'llm-error')!.message).toMatch(/could not be reached \(ECONNREFUSED\) after 2 attempts/);
    expect(report.stats.llm).toMatchObject({ failed: 1, skipped: 1 });
    expect(report.findings.map((f) => f.ruleId)).toContain('subprocess-shell-true');
  });

  it('a refused API key stops the run with a clear message', async () => {
    server.handle((_r, res) => sendJson(res, 401, { error: { message: 'Incorrect API key provided' } }));
    const report = await run({ apiKey: 'sk-test' });
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(report.diagnostics.find((d) => d.code === 'llm-error')!.message).toContain('refused the API key (401: Incorrect API key provided)');
  });
});

describe('the token budget', () => {
  it('stops sending once the counted usage reaches it, and says so', async () => {
    server.handle(byFile({ [A]: { defects: [SHELL] } }));
    const report = await run({ maxTokensTotal: 100 });
    expect(server.seen).toHaveLength(1);
    expect(report.stats.llm).toMatchObject({ tokens: 120, skipped: 1 });
    const skipped = report.diagnostics.find((d) => d.code === 'llm-skipped')!;
    expect(skipped.file).toBe(join(dir, B));
    expect(skipped.message).toContain('token budget of 100 (--llm-max-tokens-total) is used up (120 counted)');
  });
});
