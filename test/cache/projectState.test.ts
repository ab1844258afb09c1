// The stored merge state (cache/projectState.ts): a base written whole by a full merge, and small deltas appended by
// incremental merges, each sealed together with the seal of the part before it. A load reads the base and the deltas
// that chain to it, in order, and stops at the first one missing, torn, forged or made on another base: what it
// returns is always a state some run stored whole, never a mix of two.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasIndexEntry, indexEntry, indexOf, loadProjectState, StoredNames, MAX_DELTAS, roomForDelta, saveProjectDelta, saveProjectState, type ProjectDelta, type SavedState, type StateRow } from '../../src/cache/projectState.js';
import { tempDir } from '../engine/helpers.js';

const KEY = Buffer.alloc(32, 7);
const h = (c: string): string => c.repeat(64);
const row = (c: string): StateRow => [h(c), h('e'), ''];

const base = (): SavedState => ({
  files: { 'a.py': row('1'), 'b.py': row('2') }, summaries: [], scopers: [], plans: { 'a.f': 'plan' },
  importsConsulted: ['a.py\0x'], askedNames: ['a.f'], tablePaths: [], index: { 'a.py': { v: 'a0' }, 'b.py': { v: 'b0' } },
});
const delta = (file: string, c: string, extra: Partial<ProjectDelta> = {}): ProjectDelta =>
  ({ files: { [file]: row(c) }, index: { [file]: { v: `${file}-${c}` } }, importsConsulted: [], askedNames: [], ...extra });

/** Saves a base and appends each delta after the state loaded before it, as successive runs do. */
function build(dir: string, deltas: ProjectDelta[]): void {
  expect(saveProjectState(dir, KEY, base())).toBe(true);
  for (const d of deltas) expect(saveProjectDelta(dir, KEY, loadProjectState(dir, KEY)!.chain, d)).toBe(true);
}

describe('the stored merge state', () => {
  it('reads a base and the deltas chained to it, each over the one before', () => {
    const dir = tempDir('state');
    build(dir, [delta('a.py', '3', { askedNames: ['b.g'] }), delta('a.py', '4', { importsConsulted: ['b.py\0y'] })]);
    const state = loadProjectState(dir, KEY)!;
    expect(state.files).toEqual({ 'a.py': row('4'), 'b.py': row('2') });
    expect(indexOf(state)).toEqual({ 'a.py': { v: 'a.py-4' }, 'b.py': { v: 'b0' } });
    expect(state.askedNames.all()).toEqual(['a.f', 'b.g']);
    expect(state.importsConsulted.all()).toEqual(['a.py\0x', 'b.py\0y']);
    expect(state.askedNames.has('b.g') && state.askedNames.has('a.f') && !state.askedNames.has('a.g')).toBe(true);
    expect(state.chain?.deltas).toBe(2);
    // Not under another key.
    expect(loadProjectState(dir, Buffer.alloc(32, 8))).toBeUndefined();
  });

  it('checks the base as bytes: text beyond ASCII reads back, and one changed byte of the index is a forgery', () => {
    const dir = tempDir('state');
    const state = { ...base(), askedNames: ['módulo.fünc'], index: { 'ä/b.py': { v: 'é€😀' } } };
    expect(saveProjectState(dir, KEY, state)).toBe(true);
    const read = loadProjectState(dir, KEY)!;
    expect(read.askedNames.all()).toEqual(['módulo.fünc']);
    expect(indexOf(read)).toEqual({ 'ä/b.py': { v: 'é€😀' } });
    const bytes = readFileSync(join(dir, 'project.json'));
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    writeFileSync(join(dir, 'project.json'), bytes);
    expect(loadProjectState(dir, KEY)).toBeUndefined();
  });

  it('reads the index one entry at a time, by path, whatever characters the path holds', () => {
    const dir = tempDir('state');
    const odd = 'we\tird\n"pa\\th".py';
    expect(saveProjectState(dir, KEY, { ...base(), index: { 'a.py': { v: 'a0' }, [odd]: { v: 'tab\tline\n' }, 'b.py': { v: 'b0' } } })).toBe(true);
    const state = loadProjectState(dir, KEY)!;
    expect(state.index.paths()).toEqual(['a.py', odd, 'b.py']);
    expect(indexEntry(state, odd)).toEqual({ v: 'tab\tline\n' });
    expect(hasIndexEntry(state, 'c.py')).toBe(false);
    expect(indexEntry(state, 'c.py')).toBeUndefined();
    // A delta's entry stands over the base's.
    expect(saveProjectDelta(dir, KEY, state.chain, delta('b.py', '3'))).toBe(true);
    const after = loadProjectState(dir, KEY)!;
    expect(indexEntry(after, 'b.py')).toEqual({ v: 'b.py-3' });
    expect(indexEntry(after, 'a.py')).toEqual({ v: 'a0' });
  });

  it('finds looked-up names by bisection of the sorted base and among those added', () => {
    const names = ['b.f', 'a.f', 'a.f.g', 'c', 'ä.x', 'A.f'];
    const set = new StoredNames(() => [...names].sort());
    set.add(['z.new', 'a.f']);
    for (const n of [...names, 'z.new']) expect(set.has(n)).toBe(true);
    for (const n of ['a', 'a.g', 'b', 'ä', '', 'zz']) expect(set.has(n)).toBe(false);
    expect(set.usable()).toBe(true);
    expect(set.all()).toEqual([...[...names].sort(), 'z.new']);
    expect(new StoredNames(() => ({ not: 'a list' })).usable()).toBe(false);
    expect(new StoredNames(() => JSON.parse('[torn')).usable()).toBe(false);
  });

  it('stops at a torn, forged, missing or foreign delta, and ignores a torn or forged base', () => {
    const dir = tempDir('state');
    build(dir, [delta('a.py', '3'), delta('b.py', '5')]);
    const second = readFileSync(join(dir, 'project.delta.2.json'), 'utf8');
    // Torn: the first delta unreadable, so the second (chained to it) is not read either.
    writeFileSync(join(dir, 'project.delta.1.json'), '{"format": "pillar-project-delta/1", "payl');
    expect(loadProjectState(dir, KEY)!.files).toEqual(base().files);
    // Forged: the second delta's payload changed under its old seal.
    build(dir, [delta('a.py', '3')]);
    writeFileSync(join(dir, 'project.delta.2.json'), second.replace('"b.py\\":[\\"5', '"b.py\\":[\\"6'));
    expect(second).toContain('"b.py\\":[\\"5');
    expect(loadProjectState(dir, KEY)!.files['b.py']).toEqual(row('2'));
    // Foreign: a delta sealed after another base (the same rows, but a new base was written in between).
    build(dir, [delta('a.py', '3')]);
    const stale = join(dir, 'stale.json');
    copyFileSync(join(dir, 'project.delta.1.json'), stale);
    saveProjectState(dir, KEY, { ...base(), plans: {} });
    expect(existsSync(join(dir, 'project.delta.1.json'))).toBe(false);
    copyFileSync(stale, join(dir, 'project.delta.1.json'));
    expect(loadProjectState(dir, KEY)!.files['a.py']).toEqual(row('1'));
    // A delta in the wrong place: the second, chained to the first, read as the first.
    build(dir, [delta('a.py', '3'), delta('a.py', '4')]);
    copyFileSync(join(dir, 'project.delta.2.json'), join(dir, 'project.delta.1.json'));
    expect(loadProjectState(dir, KEY)!.files['a.py']).toEqual(row('1'));
    // The base torn or forged: no state at all.
    build(dir, []);
    const whole = readFileSync(join(dir, 'project.json'), 'utf8');
    writeFileSync(join(dir, 'project.json'), whole.slice(0, whole.length - 5));
    expect(loadProjectState(dir, KEY)).toBeUndefined();
    writeFileSync(join(dir, 'project.json'), whole.replace('"plan"', '"PLAN"'));
    expect(whole).toContain('"plan"');
    expect(loadProjectState(dir, KEY)).toBeUndefined();
    writeFileSync(join(dir, 'project.json'), whole);
    expect(loadProjectState(dir, KEY)?.plans).toEqual({ 'a.f': 'plan' });
  });

  it('keeps at most MAX_DELTAS deltas on a base, folding them into the first when there are more', () => {
    const dir = tempDir('state');
    const big: SavedState = { ...base(), index: { 'a.py': { v: 'a0' }, 'b.py': { v: 'b0' }, pad: 'p'.repeat(20_000) } };
    expect(saveProjectState(dir, KEY, big)).toBe(true);
    const baseText = readFileSync(join(dir, 'project.json'), 'utf8');
    for (let n = 0; n < MAX_DELTAS; n++) {
      const names = { askedNames: [`m.f${n}`], importsConsulted: n === 2 ? ['b.py\0z'] : [] };
      expect(saveProjectDelta(dir, KEY, loadProjectState(dir, KEY)!.chain, delta(n % 2 ? 'b.py' : 'a.py', String(n), names))).toBe(true);
    }
    const full = loadProjectState(dir, KEY)!;
    expect(full.chain?.deltas).toBe(MAX_DELTAS);
    // The ninth: one delta holding all nine, the base as it was, no other delta left.
    expect(saveProjectDelta(dir, KEY, full.chain, delta('a.py', 'f', { askedNames: ['m.f0', 'm.g'] }))).toBe(true);
    expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe(baseText);
    expect(existsSync(join(dir, 'project.delta.2.json'))).toBe(false);
    const folded = loadProjectState(dir, KEY)!;
    expect(folded.chain?.deltas).toBe(1);
    expect(folded.files).toEqual({ 'a.py': row('f'), 'b.py': row('7') });
    expect(indexOf(folded)).toEqual({ 'a.py': { v: 'a.py-f' }, 'b.py': { v: 'b.py-7' }, pad: 'p'.repeat(20_000) });
    expect(folded.askedNames.all().sort()).toEqual(['a.f', 'm.f0', 'm.f1', 'm.f2', 'm.f3', 'm.f4', 'm.f5', 'm.f6', 'm.f7', 'm.g']);
    expect(folded.importsConsulted.all().sort()).toEqual(['a.py\0x', 'b.py\0z']);
    // Runs go on appending after the fold.
    expect(saveProjectDelta(dir, KEY, folded.chain, delta('b.py', 'c'))).toBe(true);
    expect(loadProjectState(dir, KEY)!.files['b.py']).toEqual(row('c'));
  });

  it('writes no delta past MAX_DELTAS when the deltas outgrow a quarter of the base', () => {
    const dir = tempDir('state');
    build(dir, Array.from({ length: MAX_DELTAS }, (_, n) => delta('a.py', String(n))));
    const state = loadProjectState(dir, KEY)!;
    expect(state.chain?.deltas).toBe(MAX_DELTAS);
    expect(roomForDelta(state.chain)).toBe(false);
    expect(saveProjectDelta(dir, KEY, state.chain, delta('a.py', 'f'))).toBe(false);
    expect(existsSync(join(dir, `project.delta.${MAX_DELTAS + 1}.json`))).toBe(false);
    expect(loadProjectState(dir, KEY)!.files['a.py']).toEqual(row(String(MAX_DELTAS - 1)));
  });

  it('loses nothing when a run stops between writing a fold and removing the deltas it folded', () => {
    const dir = tempDir('state');
    expect(saveProjectState(dir, KEY, { ...base(), index: { pad: 'p'.repeat(20_000) } })).toBe(true);
    for (let n = 0; n < MAX_DELTAS; n++) expect(saveProjectDelta(dir, KEY, loadProjectState(dir, KEY)!.chain, delta('a.py', String(n)))).toBe(true);
    const saved = Array.from({ length: MAX_DELTAS - 1 }, (_, n) => readFileSync(join(dir, `project.delta.${n + 2}.json`), 'utf8'));
    expect(saveProjectDelta(dir, KEY, loadProjectState(dir, KEY)!.chain, delta('b.py', 'f'))).toBe(true);
    saved.forEach((text, n) => writeFileSync(join(dir, `project.delta.${n + 2}.json`), text));
    const state = loadProjectState(dir, KEY)!;
    expect(state.chain?.deltas).toBe(1);
    expect(state.files).toEqual({ 'a.py': row(String(MAX_DELTAS - 1)), 'b.py': row('f') });
  });
});
