// Cache entries are data from disk: corrupt, truncated, foreign or tampered entries are ignored and rebuilt.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { decodeEntry, FileCache, sha256 } from '../../src/cache/fileCache.js';
import type { FileAnalysis } from '../../src/engine/analyzePython.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { tempDir, writeTree } from './helpers.js';

const ONLY = ['subprocess-shell-true'];
const SOURCE = 'import subprocess\nsubprocess.call(cmd, shell=True)\n';

const PACK = 'last-run.pack.json';

/** The per-file entries (in two-character fan-out folders), not the manifest and the pack beside them. */
function entries(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'manifest.json' || name === PACK) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...entries(full));
    else out.push(full);
  }
  return out.sort();
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
  it('ignores and rewrites corrupt, truncated, foreign and tampered entries', async () => {
    const root = writeTree({ 'a.py': SOURCE, 'b.py': SOURCE, 'c.py': SOURCE, 'd.py': SOURCE, 'e.py': 'x = 1\n' });
    const cacheDir = tempDir('cache');
    const clean = await run(root, cacheDir);
    const files = entries(cacheDir);
    expect(files).toHaveLength(5);
    const damage = [
      (t: string) => t.slice(0, t.length / 2), // truncated
      () => 'not json at all \u0000\u00ff', // garbage
      () => JSON.stringify({ format: 'someone-else/9', payload: '{}' }), // foreign
      (t: string) => t.replace('\\"suppressed\\":0', '\\"suppressed\\":1'), // edited payload: the checksum no longer matches
      () => '', // empty
    ];
    files.forEach((f, i) => writeFileSync(f, damage[i]!(readFileSync(f, 'utf8'))));
    // Without the pack, every entry is read on its own.
    rmSync(join(cacheDir, PACK));
    const after = await run(root, cacheDir);
    expect(after.json).toBe(clean.json);
    expect(after.stats.cache?.rejected).toBe(5);
    expect(after.stats.analysed).toBe(5);
    const rebuilt = await run(root, cacheDir);
    expect(rebuilt.stats.cache?.hits).toBe(5);
    expect(rebuilt.json).toBe(clean.json);
  });

  it('serves an unchanged tree from the last run\'s pack, and ignores a damaged or foreign pack', async () => {
    const root = writeTree({ 'a.py': SOURCE, 'b.py': 'x = 1\n' });
    const cacheDir = tempDir('cache');
    const clean = await run(root, cacheDir);
    // The entries are gone: only the pack can answer.
    for (const f of entries(cacheDir)) rmSync(f);
    const packed = await run(root, cacheDir);
    expect(packed.stats).toMatchObject({ analysed: 0, cache: { hits: 2 } });
    expect(packed.json).toBe(clean.json);
    const pack = readFileSync(join(cacheDir, PACK), 'utf8');
    for (const bad of [
      pack.replace('shell=True', 'shell=None'), // edited text: the checksum no longer matches
      pack.replace(/"engine":"[0-9a-f]+"/, '"engine":"another-version"'), // another pillar's pack
      pack.slice(0, pack.length / 2), // truncated
    ]) {
      for (const f of entries(cacheDir)) rmSync(f);
      writeFileSync(join(cacheDir, PACK), bad);
      const after = await run(root, cacheDir);
      expect(after.stats.analysed).toBe(2);
      expect(after.json).toBe(clean.json);
    }
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

  it('accepts only an entry whose header, key, checksum and shape all match', () => {
    const payload = JSON.stringify(sample);
    const entry = (over: object) => JSON.stringify({ format: 'pillar-cache/1', key: 'k', checksum: sha256(payload), payload, ...over });
    expect(decodeEntry(entry({}), 'k')?.value).toEqual(sample);
    expect(decodeEntry(entry({}), 'other-key')).toBeUndefined();
    expect(decodeEntry(entry({ format: 'pillar-cache/0' }), 'k')).toBeUndefined();
    expect(decodeEntry(entry({ checksum: sha256('x') }), 'k')).toBeUndefined();
    // A well-formed, correctly summed entry whose content is not an analysis result.
    const wrongShape = (value: unknown) => {
      const p = JSON.stringify(value);
      return decodeEntry(JSON.stringify({ format: 'pillar-cache/1', key: 'k', checksum: sha256(p), payload: p }), 'k');
    };
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
    await cache.put(cache.keyOf('a.py', SOURCE, 'v'), sample);
    expect(cache.stats.writeErrors).toBe(1);
    expect(await cache.get(cache.keyOf('a.py', SOURCE, 'v'))).toBeUndefined();
  });
});
