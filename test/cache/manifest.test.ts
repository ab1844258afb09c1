// The stat manifest (cache/manifest.ts) is rewritten only when it was missing or many rows are behind: a row left
// stale only means its file is read and hashed again, never that a changed file is taken for unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Manifest, MAX_STALE_ROWS } from '../../src/cache/manifest.js';
import { tempDir } from '../engine/helpers.js';

const KEY = Buffer.alloc(32, 3);
const known = (c: string): { hash: string; lines: number } => ({ hash: c.repeat(64), lines: 1 });

describe('the stat manifest', () => {
  it('is written when new, left as it is while few rows are stale, and written again past MAX_STALE_ROWS', () => {
    const dir = tempDir('manifest');
    const first = Manifest.load(dir, KEY);
    for (let i = 0; i < 3; i++) first.record(`f${i}.py`, 'sig-1', known('a'));
    first.save();
    const written = readFileSync(join(dir, 'manifest.json'), 'utf8');
    // One file changed: its row is stale, the manifest is not rewritten, and the file's new signature is unknown.
    const second = Manifest.load(dir, KEY);
    expect(second.lookup('f0.py', 'sig-1')).toEqual(known('a'));
    second.record('f0.py', 'sig-2', known('b'));
    second.save();
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(written);
    const third = Manifest.load(dir, KEY);
    expect(third.lookup('f0.py', 'sig-2')).toBeUndefined();
    // Recording what is stored already is not a change; past MAX_STALE_ROWS changed rows the manifest is written.
    third.record('f1.py', 'sig-1', known('a'));
    for (let i = 0; i <= MAX_STALE_ROWS; i++) third.record(`g${i}.py`, 'sig-1', known('c'));
    third.save();
    const fourth = Manifest.load(dir, KEY);
    expect(fourth.lookup(`g${MAX_STALE_ROWS}.py`, 'sig-1')).toEqual(known('c'));
    expect(fourth.lookup('f1.py', 'sig-1')).toEqual(known('a'));
  });
});
