// The facts pack (SealedPack with segments): a run that adds entries without reading the pack writes them to a small
// sealed segment; a later reader sees pack and segments as one; the run that finds MAX_SEGMENTS merges them into the
// pack and removes them; a torn or forged segment is ignored (its entries miss), never trusted.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SealedPack } from '../../src/cache/fileCache.js';
import { tempDir } from '../engine/helpers.js';

const KEY = Buffer.alloc(32, 3);
const open = (dir: string, key = KEY): SealedPack<string> =>
  new SealedPack<string>(dir, 'fp', key, 'facts.pack.json', (json) => { const v: unknown = JSON.parse(json); return typeof v === 'string' ? v : undefined; }, true);
const segments = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.seg.json')).sort();

describe('a segmented pack', () => {
  it('adds entries in segments without reading the pack, and merges them back into it', () => {
    const dir = tempDir('segments');
    const first = open(dir);
    first.put('a', 'A');
    first.save();
    // The first entries make the pack itself.
    expect(readdirSync(dir).sort()).toEqual(['facts.pack.json']);
    for (let i = 0; i < 8; i++) {
      const run = open(dir);
      run.put(`k${i}`, `v${i}`);
      run.save();
      expect(run.isLoaded).toBe(false);
    }
    expect(segments(dir)).toHaveLength(8);
    const reader = open(dir);
    expect(['a', 'k0', 'k7'].map((k) => reader.get(k))).toEqual(['A', 'v0', 'v7']);
    // The ninth finds eight segments: it reads everything and writes one pack.
    const ninth = open(dir);
    ninth.put('k8', 'v8');
    ninth.save();
    expect(segments(dir)).toEqual([]);
    const after = open(dir);
    expect(['a', 'k0', 'k8'].map((k) => after.get(k))).toEqual(['A', 'v0', 'v8']);
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
