// The facts pack (SealedPack with segments): a run that adds entries without reading the pack writes them to a small
// sealed segment; a later reader sees pack and segments as one; the run that finds MAX_SEGMENTS folds its entries with
// the smallest of them into one segment, still without reading the pack, which is rewritten only when the segments
// would outgrow a quarter of it; a torn or forged segment is ignored (its entries miss), never trusted.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SealedPack } from '../../src/cache/fileCache.js';
import { segmentsToFold } from '../../src/cache/segments.js';
import { tempDir } from '../engine/helpers.js';

const KEY = Buffer.alloc(32, 3);
const open = (dir: string, key = KEY): SealedPack<string> =>
  new SealedPack<string>(dir, 'fp', key, 'facts.pack.json', (json) => { const v: unknown = JSON.parse(json); return typeof v === 'string' ? v : undefined; }, true);
const segments = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.seg.json')).sort();

describe('a segmented pack', () => {
  it('adds entries in segments without reading the pack, and folds them without reading it either', () => {
    const dir = tempDir('segments');
    const first = open(dir);
    first.put('a', `A${'x'.repeat(40_000)}`);
    first.save();
    // The first entries make the pack itself.
    expect(readdirSync(dir).sort()).toEqual(['facts.pack.json']);
    const pack = readFileSync(join(dir, 'facts.pack.json'), 'utf8');
    for (let i = 0; i < 8; i++) {
      const run = open(dir);
      run.put(`k${i}`, `v${i}`);
      run.save();
      expect(run.isLoaded).toBe(false);
    }
    expect(segments(dir)).toHaveLength(8);
    const reader = open(dir);
    expect(['k0', 'k7'].map((k) => reader.get(k))).toEqual(['v0', 'v7']);
    // The ninth finds eight segments: it folds them with its own entries into one, and leaves the pack as it was.
    for (let i = 8; i < 40; i++) {
      const run = open(dir);
      run.put(`k${i}`, `v${i}`);
      run.save();
      expect(run.isLoaded).toBe(false);
      expect(segments(dir).length).toBeLessThanOrEqual(8);
    }
    expect(readFileSync(join(dir, 'facts.pack.json'), 'utf8')).toBe(pack);
    const after = open(dir);
    expect(Array.from({ length: 40 }, (_, i) => after.get(`k${i}`))).toEqual(Array.from({ length: 40 }, (_, i) => `v${i}`));
    expect(after.get('a')).toBe(`A${'x'.repeat(40_000)}`);
  });

  it('merges the segments into the pack when they would outgrow a quarter of it', () => {
    const dir = tempDir('segments');
    const first = open(dir);
    first.put('a', `A${'x'.repeat(40_000)}`);
    first.save();
    const small = open(dir);
    small.put('b', 'B');
    small.save();
    expect(segments(dir)).toHaveLength(1);
    // As much as the pack holds (a run that analysed every file without reading it): the pack is written whole.
    const large = open(dir);
    large.put('c', `C${'y'.repeat(40_000)}`);
    large.save();
    expect(large.isLoaded).toBe(true);
    expect(segments(dir)).toEqual([]);
    const after = open(dir);
    expect(['a', 'b', 'c'].map((k) => after.get(k)?.slice(0, 1))).toEqual(['A', 'B', 'C']);
  });

  it('keeps a segment that a fold writes again as it was (a run putting only entries it already holds)', () => {
    const dir = tempDir('segments');
    const first = open(dir);
    first.put('a', `A${'x'.repeat(40_000)}`);
    first.save();
    const small = open(dir);
    small.put('k', 'v');
    small.save();
    for (let i = 0; i < 7; i++) {
      const run = open(dir);
      run.put(`wide${i}`, `w${i}`.repeat(20));
      run.put(`more${i}`, `m${i}`.repeat(20));
      run.save();
    }
    expect(segments(dir)).toHaveLength(8);
    // The same entry again (a file back to an earlier text): the fold is the small segment alone, rewritten as it was.
    const again = open(dir);
    again.put('k', 'v');
    again.save();
    expect(segments(dir)).toHaveLength(8);
    expect(open(dir).get('k')).toBe('v');
  });

  it('folds the smallest segments, enough to make room, and those no larger than what is folded so far', () => {
    const seg = (name: string, bytes: number): { name: string; bytes: number } => ({ name, bytes });
    expect(segmentsToFold([seg('a', 5), seg('b', 5)], 5, 8)).toEqual([]);
    expect(segmentsToFold(Array.from({ length: 8 }, (_, i) => seg(`s${i}`, 10)), 10, 8)).toEqual(Array.from({ length: 8 }, (_, i) => `s${i}`));
    // One large segment stays: folding it would rewrite it for a few new bytes.
    const mixed = [seg('big', 1000), ...Array.from({ length: 7 }, (_, i) => seg(`s${i}`, 10))];
    expect(segmentsToFold(mixed, 10, 8)).toEqual(Array.from({ length: 7 }, (_, i) => `s${i}`));
    expect(segmentsToFold([seg('b', 10), seg('a', 10), seg('c', 500)], 1, 3)).toEqual(['a', 'b']);
  });

  it('ignores a torn or foreign segment', () => {
    const dir = tempDir('segments');
    const first = open(dir);
    first.put('a', 'A');
    first.save();
    const second = open(dir);
    second.put('b', 'B');
    second.save();
    const [segment] = segments(dir);
    const text = JSON.stringify({ format: 'pillar-cache-pack/3', mac: 'x', payload: '[["b","\\"forged\\"",0]]' });
    for (const bad of ['{"format": "pillar-cache-pack/3", "payl', text]) {
      writeFileSync(join(dir, segment!), bad);
      const reader = open(dir);
      expect(reader.get('a')).toBe('A');
      expect(reader.get('b')).toBeUndefined();
    }
    // Another user's key reads nothing at all.
    expect(open(dir, Buffer.alloc(32, 4)).get('a')).toBeUndefined();
  });
});
