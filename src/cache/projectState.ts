// The last merge of the project facts, remembered (engine/projectPhase.ts): per file, the cache key of the phase-1
// result it was made from (covering the file's path, text and pillar's code), the hash of the file's global facts and
// its slice hash; the resolved function summaries and what each function's facts contribute to them; the import
// bindings and function names name resolution looked up; and an index of every file's global facts. A run whose phase-1 keys are all the same reuses the slice hashes without loading any
// facts; one where only some files changed, and not in their global facts, merges from the index and slices those
// files alone. Sealed like the result pack (userKey.ts): a forged state could otherwise pair a file with the
// phase-2 result of another slice.
//
// A full merge writes the whole state (`project.json`, 2-5 MB on a large tree). An incremental merge changes only a
// few rows, index entries and looked-up names, so it appends them as a small delta (`project.delta.<n>.json`) instead
// of rewriting the whole file (~80 ms on nova). Each delta is sealed together with the seal of the part before it (the
// base or the previous delta), and loading stops at the first delta missing, torn, forged or made on another base: the
// state read is always one that a run stored whole. The run that finds MAX_DELTAS folds them and its own changes into
// one delta that replaces the first (a later delta then no longer chains, so a crash before the rest are removed loses
// nothing: the fold holds them); only when the deltas outgrow MAX_DELTA_SHARE of the base does an incremental merge
// write the base again (~0.1 s on nova, every ninth change before folding).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionSummaryFacts } from '../index/types.js';
import { writeFileAtomically } from './atomicWrite.js';
import { seal, sealedBy } from './userKey.js';

const FORMAT = 'pillar-project-state/9';
const DELTA_FORMAT = 'pillar-project-delta/1';
const FILE = 'project.json';
/** Deltas kept on a base before an incremental merge writes the base again: bounds what a load reads and applies. */
export const MAX_DELTAS = 8;
/**
 * Deltas are folded rather than the base rewritten while they hold at most this share of the base's bytes: a delta
 * repeats the rows and index entries of every file changed since the base, so after edits of many files a fold
 * would rewrite nearly as much as the base, and every load would read it twice.
 */
const MAX_DELTA_SHARE = 0.25;
const NEWLINE = 0x0a;
const deltaFile = (n: number): string => `project.delta.${n}.json`;

/** A file's phase-1 key, the hash of its global facts (index/project.ts globalHash), its slice hash ('' when empty). */
export type StateRow = [phase1Key: string, globalHash: string, sliceHash: string];

export interface ProjectState {
  files: Record<string, StateRow>;
  summaries: Array<[string, FunctionSummaryFacts]>;
  /** The functions found to scope by project, with how (index/project.ts exportScopers). */
  scopers: Array<[string, string]>;
  /** Each function's effective plan (index/project.ts effectivePlan), for those that have one. */
  plans: Record<string, string>;
  importsConsulted: StoredNames;
  /** Every function name a resolution asked about (ProjectFacts.askedNames). */
  askedNames: StoredNames;
  /** The files whose facts declare options or policies (index/project.ts tablePathsOf). */
  tablePaths: string[];
  /** Each file's `IndexedFacts` (index/project.ts), read per entry: a merge parses only those it needs. */
  index: StoredIndex;
  /** Index entries that replace those of `index` (from the deltas read); the engine knows their type (IndexedFacts). */
  indexUpdates: Record<string, unknown>;
  /** Where a delta would go: the seal of the last part read and how many deltas were read. Set by a load. */
  chain?: Chain;
}

/** A state to write whole: its index as entries by path, its looked-up names as lists. */
export type SavedState = Omit<ProjectState, 'index' | 'indexUpdates' | 'chain' | 'importsConsulted' | 'askedNames'> &
  { index: Record<string, unknown>; importsConsulted: string[]; askedNames: string[] };

/**
 * Looked-up names as stored: the base's list (a line of its own, written sorted), parsed on first use and searched
 * by bisection, and the names the deltas added. A run asks whether a few names are in them; a Set of nova's ~21,000
 * (one per delta, as the deltas were applied) cost more than the question, and a run with nothing changed never asks.
 */
export class StoredNames {
  private base: string[] | undefined;
  private valid = true;
  private readonly added = new Set<string>();

  constructor(private readonly read: () => unknown) {}

  private list(): string[] {
    if (this.base) return this.base;
    let names: unknown;
    try {
      names = this.read();
    } catch {
      names = undefined;
    }
    // Only the list's type is checked: a loop over ~21,000 names to check their order cost what the bisection saves
    // (the seal vouches for the base, and saveProjectState writes it sorted).
    this.valid = Array.isArray(names) && (names.length === 0 || (typeof names[0] === 'string' && typeof names[names.length - 1] === 'string'));
    this.base = this.valid ? names as string[] : [];
    return this.base;
  }

  /** False when the stored list is not a list of names (then nothing can be known from it). */
  usable(): boolean {
    this.list();
    return this.valid;
  }

  has(name: string): boolean {
    if (this.added.has(name)) return true;
    const base = this.list();
    let lo = 0;
    let hi = base.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (base[mid]! < name) lo = mid + 1;
      else hi = mid;
    }
    return lo < base.length && base[lo] === name;
  }

  add(names: readonly string[]): void {
    for (const n of names) this.added.add(n);
  }

  /** Every name: the base's, then those added that it lacks. */
  all(): string[] {
    const base = this.list();
    const set = new Set(base);
    return [...base, ...[...this.added].filter((n) => !set.has(n))];
  }
}

/**
 * The base's index as read: a line of where each file's entry lies (`{path: [start, end]}`, byte offsets after that
 * line), then the entries' JSON, one a line. Entries are parsed one by one as asked: an incremental merge reads a few
 * of nova's 1,515, where parsing all of them, and rebuilding the merge from them, cost ~0.1 s a change; the offsets
 * are one native parse, where finding the lines in JavaScript cost ~20 ms in a run too short to optimise the loop.
 */
export class StoredIndex {
  private offsets: Record<string, unknown> | undefined;
  private readonly parsed = new Map<string, unknown>();

  /** `table`: the offsets line's bounds in `bytes`; `start`: where the entries begin. */
  constructor(private readonly bytes: Buffer, private readonly table: [number, number], private readonly start: number) {}

  /** The offsets by path; empty when the line is not such a table (a sealed base never has one: then nothing is had). */
  private table_(): Record<string, unknown> {
    if (this.offsets) return this.offsets;
    let offsets: unknown;
    try {
      offsets = JSON.parse(this.bytes.toString('utf8', this.table[0], this.table[1]));
    } catch {
      offsets = undefined;
    }
    this.offsets = isRecord(offsets) ? offsets : {};
    return this.offsets;
  }

  private bounds(path: string): [number, number] | undefined {
    const table = this.table_();
    const at = Object.hasOwn(table, path) ? table[path] : undefined;
    if (!Array.isArray(at) || at.length !== 2 || !Number.isInteger(at[0]) || !Number.isInteger(at[1])) return undefined;
    const [from, to] = [this.start + (at[0] as number), this.start + (at[1] as number)];
    return from >= this.start && from <= to && to <= this.bytes.length ? [from, to] : undefined;
  }

  /** Whether the table lists `path` (its bounds are checked when the entry is read). */
  has(path: string): boolean {
    return Object.hasOwn(this.table_(), path);
  }

  /** The paths of the entries, in the order written. */
  paths(): string[] {
    return Object.keys(this.table_()).filter((p) => this.bounds(p) !== undefined);
  }

  /** The entry of `path`, or undefined when there is none. */
  get(path: string): unknown {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const line = this.bounds(path);
    let entry: unknown;
    try {
      entry = line ? JSON.parse(this.bytes.toString('utf8', line[0], line[1])) : undefined;
    } catch {
      entry = undefined;
    }
    this.parsed.set(path, entry);
    return entry;
  }
}

/** The index as written: the offsets line, then the entries, one a line (StoredIndex). */
function indexLines(index: Record<string, unknown>): string {
  const offsets: Record<string, [number, number]> = {};
  const entries: string[] = [];
  let at = 0;
  for (const [path, entry] of Object.entries(index)) {
    const json = JSON.stringify(entry);
    const bytes = Buffer.byteLength(json);
    offsets[path] = [at, at + bytes];
    entries.push(json);
    at += bytes + 1;
  }
  return [JSON.stringify(offsets), ...entries].join('\n');
}

/** The parts a load read: the base's seal and size, and the deltas chained to it, in order, with their sizes. */
export interface Chain { mac: string; deltas: number; base: { mac: string; bytes: number }; parts: ProjectDelta[]; partBytes: number }

/** What an incremental merge changed: rows and index entries replaced, looked-up names added. */
export interface ProjectDelta {
  files: Record<string, StateRow>;
  index: Record<string, unknown>;
  importsConsulted: string[];
  askedNames: string[];
}

const HEX = /^[0-9a-f]{64}$/;
const isRow = (r: unknown): r is StateRow => Array.isArray(r) && r.length === 3 && HEX.test(String(r[0])) &&
  HEX.test(String(r[1])) && (r[2] === '' || HEX.test(String(r[2])));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * The stored state (the base and the deltas chained to it), or undefined when there is none, or the base is damaged,
 * foreign or not sealed with `key`.
 */
export function loadProjectState(dir: string, key: Buffer | undefined): ProjectState | undefined {
  if (!key) return undefined;
  const state = loadBase(dir, key);
  if (!state) return undefined;
  for (let n = 1; n <= MAX_DELTAS; n++) {
    const delta = loadDelta(dir, key, n, state.chain!.mac);
    if (!delta) break;
    for (const [path, row] of Object.entries(delta.rows.files)) state.files[path] = row;
    for (const [path, entry] of Object.entries(delta.rows.index)) state.indexUpdates[path] = entry;
    state.importsConsulted.add(delta.rows.importsConsulted);
    state.askedNames.add(delta.rows.askedNames);
    const chain = state.chain!;
    state.chain = { mac: delta.mac, deltas: n, base: chain.base, parts: [...chain.parts, delta.rows], partBytes: chain.partBytes + delta.bytes };
  }
  return state;
}

/**
 * The base: a header line (format and seal), the payload's JSON on the second line, the looked-up import bindings'
 * and names' on the third and fourth (StoredNames), and the index on the lines after them (StoredIndex) —
 * not JSON strings inside a JSON document, whose escaping cost a parse and a stringify of megabytes. JSON.stringify
 * never writes a raw line break, so the lines are the parts.
 */
function loadBase(dir: string, key: Buffer): ProjectState | undefined {
  try {
    // Checked as the bytes read: the seal of the text after the header is that of these bytes (UTF-8 both ways), and a
    // string of megabytes joined and encoded again for the HMAC cost more than the HMAC.
    const bytes = readFileSync(join(dir, FILE));
    const ends: number[] = [];
    for (let at = 0; ends.length < 5; at = ends.at(-1)! + 1) {
      const end = bytes.indexOf(NEWLINE, at);
      if (end < 0) return undefined;
      ends.push(end);
    }
    const [first, second, third, fourth, fifth] = ends as [number, number, number, number, number];
    const header = JSON.parse(bytes.toString('utf8', 0, first)) as { format?: unknown; mac?: unknown };
    if (header.format !== FORMAT || typeof header.mac !== 'string' || !sealedBy(key, bytes.subarray(first + 1), header.mac)) return undefined;
    const state = JSON.parse(bytes.toString('utf8', first + 1, second)) as Partial<SavedState>;
    if (!isRecord(state.files) || !Object.values(state.files).every(isRow)) return undefined;
    if (!Array.isArray(state.summaries) || !Array.isArray(state.scopers) || !isRecord(state.plans) || !isStrings(state.tablePaths)) return undefined;
    return {
      files: state.files as Record<string, StateRow>, summaries: state.summaries, scopers: state.scopers, plans: state.plans as Record<string, string>,
      importsConsulted: new StoredNames(() => JSON.parse(bytes.toString('utf8', second + 1, third))),
      askedNames: new StoredNames(() => JSON.parse(bytes.toString('utf8', third + 1, fourth))),
      tablePaths: state.tablePaths, index: new StoredIndex(bytes, [fourth + 1, fifth], fifth + 1), indexUpdates: {},
      chain: { mac: header.mac, deltas: 0, base: { mac: header.mac, bytes: bytes.length }, parts: [], partBytes: 0 },
    };
  } catch {
    return undefined;
  }
}

/** Delta `n`, when it is whole, sealed with `key` and chained to the part whose seal is `previous`. */
function loadDelta(dir: string, key: Buffer, n: number, previous: string): { rows: ProjectDelta; mac: string; bytes: number } | undefined {
  try {
    const text = readFileSync(join(dir, deltaFile(n)), 'utf8');
    const data = JSON.parse(text) as { format?: unknown; mac?: unknown; payload?: unknown };
    if (data.format !== DELTA_FORMAT || typeof data.payload !== 'string' || typeof data.mac !== 'string' ||
      !sealedBy(key, `${previous}\0${n}\0${data.payload}`, data.mac)) return undefined;
    const rows = JSON.parse(data.payload) as Partial<ProjectDelta>;
    if (!isRecord(rows.files) || !Object.values(rows.files).every(isRow) || !isRecord(rows.index) ||
      !isStrings(rows.importsConsulted) || !isStrings(rows.askedNames)) return undefined;
    return { rows: rows as ProjectDelta, mac: data.mac, bytes: text.length };
  } catch {
    return undefined;
  }
}

// Unsorted: the engine only makes sets of these (a full save sorts them); sorting nova's 30,000 names cost ~7 ms a load.
const union = (a: string[], b: readonly string[]): string[] => {
  if (b.length === 0) return a;
  const seen = new Set(a);
  for (const s of b) if (!seen.has(s)) a.push(s);
  return a;
};

/** The state's index whole: the base's, with the deltas' entries over it. */
export function indexOf(state: ProjectState): Record<string, unknown> {
  const index: Record<string, unknown> = {};
  for (const path of state.index.paths()) index[path] = state.index.get(path);
  for (const [path, entry] of Object.entries(state.indexUpdates)) index[path] = entry;
  return index;
}

/** Whether the state's index has an entry for `path` (without reading it). */
export function hasIndexEntry(state: ProjectState, path: string): boolean {
  return Object.hasOwn(state.indexUpdates, path) || state.index.has(path);
}

/** One file's entry of the state's index (a delta's over the base's), or undefined when there is none. */
export function indexEntry(state: ProjectState, path: string): unknown {
  return Object.hasOwn(state.indexUpdates, path) ? state.indexUpdates[path] : state.index.get(path);
}

/** Writes the whole state atomically and drops the deltas of the base it replaces; a failure only costs the next run its shortcut. */
export function saveProjectState(dir: string, key: Buffer | undefined, state: SavedState): boolean {
  if (!key) return false;
  const { index, importsConsulted, askedNames, ...rest } = state;
  const body = [JSON.stringify(rest), JSON.stringify([...importsConsulted].sort()), JSON.stringify([...askedNames].sort()), indexLines(index)].join('\n');
  const written = writeFileAtomically(dir, FILE, `${JSON.stringify({ format: FORMAT, mac: seal(key, body) })}\n${body}`);
  // The old deltas no longer chain to the new base's seal; removed so they are not read for nothing.
  for (let n = 1; n <= MAX_DELTAS; n++) {
    try {
      rmSync(join(dir, deltaFile(n)), { force: true });
    } catch {
      // Left behind: a load finds it does not chain and stops there.
    }
  }
  return written;
}

/**
 * Whether an incremental merge can store its changes as a delta after the loaded parts (saveProjectDelta): there is a
 * chain, and room for one more delta or deltas small enough to fold.
 */
export function roomForDelta(chain: Chain | undefined): chain is Chain {
  return chain !== undefined && (chain.deltas < MAX_DELTAS || chain.partBytes <= chain.base.bytes * MAX_DELTA_SHARE);
}

/**
 * Appends `delta` after the state's last part (`chain`), or, when MAX_DELTAS are there, writes it folded with them as
 * the first delta and removes the others; false when there is no chain or no room (roomForDelta).
 */
export function saveProjectDelta(dir: string, key: Buffer | undefined, chain: Chain | undefined, delta: ProjectDelta): boolean {
  if (!key || !roomForDelta(chain)) return false;
  if (chain.deltas < MAX_DELTAS) return writeDelta(dir, key, chain.mac, chain.deltas + 1, delta);
  if (!writeDelta(dir, key, chain.base.mac, 1, foldDeltas([...chain.parts, delta]))) return false;
  // The old second delta chained to the old first: a load already stops there. Removed so it is not read for nothing.
  for (let n = 2; n <= MAX_DELTAS; n++) {
    try {
      rmSync(join(dir, deltaFile(n)), { force: true });
    } catch {
      // Left behind: a load finds it does not chain and stops there.
    }
  }
  return true;
}

function writeDelta(dir: string, key: Buffer, previous: string, n: number, delta: ProjectDelta): boolean {
  const payload = JSON.stringify(delta);
  return writeFileAtomically(dir, deltaFile(n), JSON.stringify({ format: DELTA_FORMAT, mac: seal(key, `${previous}\0${n}\0${payload}`), payload }));
}

/** Deltas as one, each over the ones before it, as a load applies them; the names sorted. */
export function foldDeltas(deltas: readonly ProjectDelta[]): ProjectDelta {
  const out: ProjectDelta = { files: {}, index: {}, importsConsulted: [], askedNames: [] };
  for (const d of deltas) {
    Object.assign(out.files, d.files);
    Object.assign(out.index, d.index);
    out.importsConsulted = union(out.importsConsulted, d.importsConsulted);
    out.askedNames = union(out.askedNames, d.askedNames);
  }
  out.importsConsulted.sort();
  out.askedNames.sort();
  return out;
}
