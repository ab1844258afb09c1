// Cache entries are data from disk: corrupt, truncated, foreign, forged or tampered entries are ignored and rebuilt.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { decodePack, decodeResult, FileCache, sha256 } from '../../src/cache/fileCache.js';
import { seal, userKey } from '../../src/cache/userKey.js';
import type { FileAnalysis } from '../../src/engine/analyzePython.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { tempDir, writeTree } from './helpers.js';

const ONLY = ['subprocess-shell-true'];
const SOURCE = 'import subprocess\nsubprocess.call(cmd, shell=True)\n';

const PACK = 'results.pack.json';

function key(): Buffer {
  const k = userKey();
  if (!k.ok) throw new Error(k.reason);
  return k.key;
}

async function run(root: string, cacheDir: string): Promise<{ json: string; stats: RunStats }> {
  let stats: RunStats | undefined;
  const report = await review({ paths: [root], onlyRules: ONLY, jobs: 1, cacheDir, onEngineStats: (s) => { stats = s; } });
  return { json: JSON.stringify(report), stats: stats! };
}

const sample: FileAnalysis = {
  findings: [{
    ruleId: 'r', cwe: 78, pillar: 707, severity: 'high', confidence: 'high', file: 'a.py',
    range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, message: 'm', remediation: 'f', fingerprint: 'x', snippet: 's',
  }],
  diagnostics: [{ file: 'a.py', code: 'syntax-error', message: 'm', line: 1 }],
  suppressed: 0,
};

describe('the result cache', () => {
  it('ignores and rewrites a corrupt, truncated, foreign or tampered pack', async () => {
    const root = writeTree({ 'a.py': SOURCE, 'b.py': SOURCE, 'c.py': 'x = 1\n' });
    const cacheDir = tempDir('cache');
    const clean = await run(root, cacheDir);
    // tempDir made the directory, so pillar writes no .gitignore into it (it may be the user's own directory).
    expect(readdirSync(cacheDir).sort()).toEqual(['manifest.json', PACK]);
    const again = await run(root, cacheDir);
    expect(again.stats).toMatchObject({ analysed: 0, cache: { hits: 3 } });
    const pack = readFileSync(join(cacheDir, PACK), 'utf8');
    const damage = [
      pack.slice(0, pack.length / 2), // truncated
      'not json at all \u0000\u00ff', // garbage
      JSON.stringify({ format: 'someone-else/9', payload: '[]' }), // foreign
      pack.replace('shell=True', 'shell=None'), // edited result: the checksum no longer matches
      '', // empty
    ];
    for (const bad of damage) {
      writeFileSync(join(cacheDir, PACK), bad);
      const after = await run(root, cacheDir);
      expect(after.stats.analysed).toBe(3);
      expect(after.json).toBe(clean.json);
    }
    const rebuilt = await run(root, cacheDir);
    expect(rebuilt.stats).toMatchObject({ analysed: 0, cache: { hits: 3 } });
    expect(rebuilt.json).toBe(clean.json);
  });

  it('rejects one damaged result in a well-formed pack and analyses that file again', async () => {
    const root = writeTree({ 'a.py': SOURCE, 'b.py': 'x = 1\n' });
    const cacheDir = tempDir('cache');
    const clean = await run(root, cacheDir);
    const pack = JSON.parse(readFileSync(join(cacheDir, PACK), 'utf8')) as { payload: string; mac: string };
    const rows = JSON.parse(pack.payload) as Array<[string, string, number]>;
    rows[0]![1] = JSON.stringify({ findings: [{ ruleId: 'r', severity: 'apocalyptic' }], diagnostics: [], suppressed: 0 });
    pack.payload = JSON.stringify(rows);
    // Sealed with the user's own key: only the shape check stands between this entry and the report.
    pack.mac = seal(key(), pack.payload);
    writeFileSync(join(cacheDir, PACK), JSON.stringify(pack));
    const after = await run(root, cacheDir);
    expect(after.stats).toMatchObject({ analysed: 1, cache: { hits: 1, rejected: 1 } });
    expect(after.json).toBe(clean.json);
  });

  it('keeps results a run did not use for a few runs: a file changed and changed back is not analysed again', async () => {
    const root = writeTree({ 'a.py': SOURCE, 'b.py': 'x = 1\n' });
    const cacheDir = tempDir('cache');
    const first = await run(root, cacheDir);
    writeFileSync(join(root, 'a.py'), `${SOURCE}# another branch\n`);
    expect((await run(root, cacheDir)).stats.analysed).toBe(1);
    writeFileSync(join(root, 'a.py'), SOURCE);
    const back = await run(root, cacheDir);
    expect(back.stats.analysed).toBe(0);
    expect(back.json).toBe(first.json);
  });

  it('keys entries by path: the same content at another path is analysed for that path', async () => {
    const root = writeTree({ 'one.py': SOURCE });
    const cacheDir = tempDir('cache');
    await run(root, cacheDir);
    writeFileSync(join(root, 'two.py'), SOURCE);
    const both = await run(root, cacheDir);
    expect(both.stats.analysed).toBe(1);
    expect(JSON.parse(both.json).findings.map((f: { file: string }) => f.file.slice(root.length + 1))).toEqual(['one.py', 'two.py']);
  });

  it('notices an edit that keeps the size, and a file that grew past the size limit', async () => {
    const root = writeTree({ 'a.py': SOURCE, 'b.py': 'x = 1\n' });
    const cacheDir = tempDir('cache');
    await run(root, cacheDir);
    expect((await run(root, cacheDir)).stats.analysed).toBe(0);
    // Same length, the shell flag turned off: only a content hash tells the difference.
    writeFileSync(join(root, 'a.py'), SOURCE.replace('shell=True', 'shell=None'));
    const edited = await run(root, cacheDir);
    expect(edited.stats.analysed).toBe(1);
    expect(JSON.parse(edited.json).findings).toEqual([]);
    const limited = await review({ paths: [root], onlyRules: ONLY, jobs: 1, cacheDir, maxFileSize: 5 });
    expect(limited.diagnostics.map((d) => d.code)).toEqual(['too-large', 'too-large']);
  });

  it('accepts only a pack whose header and seal match, and only results of the right shape', () => {
    const payload = JSON.stringify([['k', JSON.stringify(sample), 0]]);
    const k = key();
    const pack = (over: object) => JSON.stringify({ format: 'pillar-cache-pack/3', mac: seal(k, payload), payload, ...over });
    expect(decodePack(pack({}), k)).toEqual([['k', JSON.stringify(sample), 0]]);
    expect(decodePack(pack({ format: 'pillar-cache-pack/2' }), k)).toBeUndefined();
    expect(decodePack(pack({ mac: seal(k, 'x') }), k)).toBeUndefined();
    // A checksum anyone can compute (the old format's), or a seal under another user's key, is no seal.
    expect(decodePack(pack({ mac: sha256(payload) }), k)).toBeUndefined();
    expect(decodePack(pack({}), Buffer.alloc(32, 7))).toBeUndefined();
    expect(decodePack(pack({ payload: '{"not": "rows"}', mac: seal(k, '{"not": "rows"}') }), k)).toBeUndefined();
    expect(decodeResult(JSON.stringify(sample))).toEqual(sample);
    const wrongShape = (value: unknown) => decodeResult(JSON.stringify(value));
    expect(wrongShape({ findings: [{ ...sample.findings[0], severity: 'apocalyptic' }], diagnostics: [], suppressed: 0 })).toBeUndefined();
    expect(wrongShape({ findings: [{ ...sample.findings[0], range: { startLine: '1' } }], diagnostics: [], suppressed: 0 })).toBeUndefined();
    expect(wrongShape({ findings: [], diagnostics: [{ file: 'a.py' }], suppressed: 0 })).toBeUndefined();
    expect(wrongShape({ findings: [], diagnostics: [] })).toBeUndefined();
    expect(wrongShape([])).toBeUndefined();
  });

  it('counts a failed write instead of failing the run', async () => {
    const blocker = join(tempDir('cache'), 'file-not-dir');
    writeFileSync(blocker, 'x');
    const cache = new FileCache(blocker, 'fp');
    cache.put(cache.keyOf('a.py', SOURCE, 'v'), sample);
    cache.save();
    expect(cache.stats.writeErrors).toBe(1);
    const next = new FileCache(blocker, 'fp');
    next.load();
    expect(next.get(next.keyOf('a.py', SOURCE, 'v'))).toBeUndefined();
  });
});
