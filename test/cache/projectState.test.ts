// The stored merge state (cache/projectState.ts): a base written whole by a full merge, and small deltas appended by
// incremental merges, each sealed together with the seal of the part before it. A load reads the base and the deltas
// that chain to it, in order, and stops at the first one missing, torn, forged or made on another base: what it
// returns is always a state some run stored whole, never a mix of two.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexOf, loadProjectState, MAX_DELTAS, saveProjectDelta, saveProjectState, type ProjectDelta, type ProjectState, type StateRow } from '../../src/cache/projectState.js';
import { tempDir } from '../engine/helpers.js';

const KEY = Buffer.alloc(32, 7);
const h = (c: string): string => c.repeat(64);
const row = (c: string): StateRow => [h(c), h('e'), ''];

const base = (): ProjectState => ({
  files: { 'a.py': row('1'), 'b.py': row('2') }, summaries: [], scopers: [], plans: { 'a.f': 'plan' },
  importsConsulted: ['a.py\0x'], askedNames: ['a.f'], index: JSON.stringify({ 'a.py': { v: 'a0' }, 'b.py': { v: 'b0' } }), indexUpdates: {},
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
    expect(state.askedNames).toEqual(['a.f', 'b.g']);
    expect(state.importsConsulted).toEqual(['a.py\0x', 'b.py\0y']);
    expect(state.chain?.deltas).toBe(2);
    // Not under another key.
    expect(loadProjectState(dir, Buffer.alloc(32, 8))).toBeUndefined();
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

  it('keeps at most MAX_DELTAS deltas on a base', () => {
    const dir = tempDir('state');
    build(dir, Array.from({ length: MAX_DELTAS }, (_, n) => delta('a.py', String(n))));
    const state = loadProjectState(dir, KEY)!;
    expect(state.chain?.deltas).toBe(MAX_DELTAS);
    expect(saveProjectDelta(dir, KEY, state.chain, delta('a.py', 'f'))).toBe(false);
    expect(existsSync(join(dir, `project.delta.${MAX_DELTAS + 1}.json`))).toBe(false);
  });
});
