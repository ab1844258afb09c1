// --llm-record / --llm-replay: a recorded run replays offline into a byte-identical report, retries included, and a
// request that was never recorded fails the run clearly. Recordings never hold the API key.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { review } from '../../src/api.js';
import { UsageError } from '../../src/config/errors.js';
import { render } from '../../src/reporters/index.js';
import { fileOf, sendCompletion, sendJson, startServer } from './server.js';

const require = createRequire(import.meta.url);
// The SARIF schema is draft-04; ajv-draft-04 is Ajv's CommonJS build for it.
const AjvDraft04 = require('ajv-draft-04') as typeof Ajv;
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pillar-llm-replay-'));
  writeFileSync(join(dir, 'a.py'), 'import subprocess\n\n\ndef run(user_cmd):\n    subprocess.call(user_cmd, shell=True)\n');
  writeFileSync(join(dir, 'b.py'), "import os\n\n\ndef read(name):\n    return open(os.path.join('/srv/data', name)).read()\n");
});

const TRAVERSAL = { defect_type: 664, line: 5, end_line: 5, cwe: 22, quote: "os.path.join('/srv/data', name)", description: 'name may hold ../', reachability: 'the name parameter comes from the API request', solution: 'Check the resolved path', confidence: 'medium' };

describe('record and replay', () => {
  it('replays a recorded run offline, byte for byte, in every format', async () => {
    const recordings = mkdtempSync(join(tmpdir(), 'pillar-llm-rec-'));
    const server = await startServer();
    let calls = 0;
    server.handle((request, res) => {
      calls++;
      // The first request meets a 429, so the recording holds a retry sequence too.
      if (calls === 1) sendJson(res, 429, { error: { message: 'busy' } }, { 'retry-after': '0' });
      else sendCompletion(res, fileOf(request).endsWith('b.py') ? { defects: [TRAVERSAL, { ...TRAVERSAL, description: 'Validate input.' }] } : { defects: [] });
    });
    const paths = [join(dir, 'a.py'), join(dir, 'b.py')];
    const recorded = await review({ paths, llm: { endpoint: server.url, model: 'm', apiKey: 'sk-secret-123', retryBaseMs: 1, recordDir: recordings } });
    await server.close();
    expect(recorded.stats.llm).toMatchObject({ requests: 3, kept: 1, rejected: { vague: 1 } });
    const files = readdirSync(recordings).sort();
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f).toMatch(/^[0-9a-f]{64}\.json$/);
      const text = readFileSync(join(recordings, f), 'utf8');
      expect(text).not.toContain('sk-secret-123');
      expect(text).not.toContain('127.0.0.1');
    }
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const replayed = await review({ paths, llm: { model: 'm', replayDir: recordings, endpoint: 'http://192.0.2.1:9/v1' } });
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
    for (const format of ['json', 'sarif', 'text', 'markdown'] as const) expect(render(format, replayed)).toBe(render(format, recorded));
    // An llm-review result has no rule descriptor (it is not a rule) and must still be valid SARIF.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    const sarif = JSON.parse(render('sarif', replayed)) as { runs: Array<{ results: Array<{ ruleId: string; properties: { cwe: string } }> }> };
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]!.results.find((r) => r.ruleId === 'llm-review')?.properties.cwe).toBe('CWE-22');
  });

  it('fails clearly when a request was never recorded', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pillar-llm-empty-'));
    const attempt = review({ paths: [join(dir, 'b.py')], llm: { model: 'm', replayDir: empty } });
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(review({ paths: [join(dir, 'b.py')], llm: { model: 'm', replayDir: empty } })).rejects.toThrow(/no recording for a request .*record again with --llm-record/);
    await expect(review({ paths: [join(dir, 'b.py')], llm: { model: 'm', replayDir: join(empty, 'missing') } })).rejects.toThrow(/does not exist/);
  });
});
