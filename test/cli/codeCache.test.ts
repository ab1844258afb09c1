// The code-cache loader bin/pillar.js runs the bundle with: same exports with or without a cache, a cache written
// only when none was usable or when a run reached more of the code than the one that made it, and a cache of other
// source never used.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../src/cli/codeCache.js';

function bundle(source: string): { file: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pillar-codecache-'));
  const file = join(dir, 'b.cjs');
  writeFileSync(file, source);
  return { file, cache: `${file}.cache` };
}

const SOURCE = "const path = require('node:path');\nexports.answer = () => 42;\nexports.here = () => path.basename(__filename);\n";

// Functions V8 compiles only when first called, as it does pillar's rules.
const LAZY = `exports.rule = (n) => { ${Array.from({ length: 40 }, (_, i) => `const v${i} = n * ${i};`).join(' ')} return v7; };\n`;

describe('requireWithCodeCache', () => {
  it('runs the module as CommonJS and writes a cache only when it had none', () => {
    const { file, cache } = bundle(SOURCE);
    const first = requireWithCodeCache<{ answer(): number; here(): string }>(file, cache);
    expect(first.exports.answer()).toBe(42);
    expect(first.exports.here()).toBe('b.cjs');
    first.saveCodeCache();
    const written = statSync(cache).mtimeMs;
    expect(readFileSync(cache).length).toBeGreaterThan(64);
    const second = requireWithCodeCache<{ answer(): number }>(file, cache);
    expect(second.exports.answer()).toBe(42);
    second.saveCodeCache();
    expect(statSync(cache).mtimeMs).toBe(written);
  });

  it('writes the cache again after a run of greater reach, with the functions that run compiled', () => {
    const { file, cache } = bundle(LAZY);
    // A run that calls nothing lazy (a cold review: the rules ran in worker threads).
    requireWithCodeCache(file, cache).saveCodeCache(0);
    const narrow = readFileSync(cache);
    const same = requireWithCodeCache<{ rule(n: number): number }>(file, cache);
    expect(same.exports.rule(3)).toBe(21);
    same.saveCodeCache(0);
    expect(readFileSync(cache).equals(narrow)).toBe(true);
    // A run that analysed here (a one-file change) calls the lazy functions: the cache now holds them too.
    const wide = requireWithCodeCache<{ rule(n: number): number }>(file, cache);
    expect(wide.exports.rule(3)).toBe(21);
    wide.saveCodeCache(1);
    const widened = readFileSync(cache);
    expect(widened.length).toBeGreaterThan(narrow.length);
    // Used as it is by runs of the same or lower reach.
    const next = requireWithCodeCache<{ rule(n: number): number }>(file, cache);
    expect(next.exports.rule(4)).toBe(28);
    next.saveCodeCache(1);
    next.saveCodeCache(0);
    expect(readFileSync(cache).equals(widened)).toBe(true);
  });

  it('ignores a cache made from other source of the same length, and replaces it', () => {
    const { file, cache } = bundle(SOURCE);
    requireWithCodeCache(file, cache).saveCodeCache();
    const stale = readFileSync(cache);
    writeFileSync(file, SOURCE.replace('42', '43'));
    const loaded = requireWithCodeCache<{ answer(): number }>(file, cache);
    expect(loaded.exports.answer()).toBe(43);
    loaded.saveCodeCache();
    expect(readFileSync(cache).equals(stale)).toBe(false);
  });

  it('ignores a damaged cache, and replaces it', () => {
    const { file, cache } = bundle(SOURCE);
    requireWithCodeCache(file, cache).saveCodeCache();
    const damaged = readFileSync(cache);
    for (let i = 64; i < damaged.length; i += 7) damaged[i] = damaged[i]! ^ 0xff;
    writeFileSync(cache, damaged);
    const loaded = requireWithCodeCache<{ answer(): number }>(file, cache);
    expect(loaded.exports.answer()).toBe(42);
    loaded.saveCodeCache();
    expect(readFileSync(cache).equals(damaged)).toBe(false);
  });

  it('runs without complaint where the cache cannot be written', () => {
    const { file } = bundle(SOURCE);
    const blocked = join(file, 'not-a-dir', 'b.cjs.cache');
    const loaded = requireWithCodeCache<{ answer(): number }>(file, blocked);
    expect(loaded.exports.answer()).toBe(42);
    expect(() => loaded.saveCodeCache()).not.toThrow();
  });
});
