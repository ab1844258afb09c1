// Phase 2 of a two-phase run (rules with meta.usesProject selected). Phase 1 analysed every file once, extracting
// its project facts and keeping the project-aware rules' findings (computed with no project facts) apart. Here the
// facts are merged (index/project.ts) and each file gets its slice: when it is empty the phase-1 findings are the
// answer; otherwise the project-aware rules alone run again on that file with the slice, cached under the file's
// hash and the slice's hash — so a file is re-analysed when one of its dependencies' facts changes, and only then.
import { hasIndexEntry, indexEntry, indexOf, roomForDelta, type ProjectDelta, type ProjectState, type SavedState, type StateRow } from '../cache/projectState.js';
import type { Diagnostic, Finding } from '../findings/types.js';
import { changedBindings, fromIndex, functionFactsChanged, globalHash, indexedFacts, ProjectFacts, sliceHash, tablePathsOf, type IndexedFacts } from '../index/project.js';
import { isEmptySlice, type FileFacts, type ProjectSlice } from '../index/types.js';
import type { Rule } from '../rulekit/types.js';
import { analyzePython, type AnalyzeOptions, type FileAnalysis } from './analyzePython.js';
import type { FileOutcome, FileSource } from './runFiles.js';
import { gaveUp } from './task.js';

/** Phase-2 analyses in flight at once: the pool (or the main thread's queue) bounds the real concurrency. */
const WINDOW = 16;
/**
 * An incremental merge that changed more than this share of the files writes the whole state instead of a delta: a
 * larger share makes a delta nearly the base's size, read on every later run (cache/projectState.ts).
 */
const MAX_DELTA_SHARE_OF_FILES = 0.25;

export interface ProjectPhaseIO {
  source: FileSource;
  projectRuleIds: readonly string[];
  /** Text hashes by file index (with a cache), for phase-2 cache keys. */
  hashes: ReadonlyArray<string | undefined>;
  cached(key: string): FileAnalysis | undefined;
  keyOf(index: number, textHash: string, sliceKey: string): string | undefined;
  analyse(index: number, text: string, key: string | undefined, slice: ProjectSlice): Promise<FileAnalysis>;
  /**
   * With a cache: the cache key of each file's phase-1 result, the facts stored beside it (a cached phase-1 result
   * comes without them: cache/fileCache.ts SealedPack), and the last merge's state (cache/projectState.ts).
   */
  stored?: {
    phase1Key(index: number): string | undefined;
    facts(index: number): FileFacts | undefined;
    load(): ProjectState | undefined;
    save(state: SavedState): void;
    /** Appends an incremental merge's changes after the loaded state's last part (cache/projectState.ts). */
    saveDelta(chain: NonNullable<ProjectState['chain']>, delta: ProjectDelta): void;
  };
  /** Phase 1 again on a file whose stored facts were lost (aged out, damaged pack): its facts. */
  extractFacts(index: number, text: string): Promise<FileFacts | undefined>;
}

/**
 * Files whose slice was not empty (phase 2 ran or was served from the cache), how many were analysed, and how the
 * slices were had: `none` — the last merge's, every file unchanged; `incremental` — only changed files sliced, from the
 * last merge's index and summaries; `full` — every file's facts merged.
 */
export interface ProjectPhaseStats { files: number; analysed: number; merged: 'none' | 'incremental' | 'full' }

type Ok = Extract<FileOutcome, { ok: true }>;

/**
 * Each member's slice hash ('' when empty), the slices computed this run, and what to store, if anything: the whole
 * state, or the changes of an incremental merge to append after the loaded state's last part.
 */
interface Plan {
  hashes: string[]; slices: Map<number, ProjectSlice>; merged: ProjectPhaseStats['merged'];
  state?: SavedState; delta?: { chain: NonNullable<ProjectState['chain']>; changes: ProjectDelta };
}

export async function runProjectPhase(outcomes: FileOutcome[], io: ProjectPhaseIO): Promise<ProjectPhaseStats> {
  const members: number[] = [];
  outcomes.forEach((o, i) => { if (o.ok && o.result.split) members.push(i); });
  const keys = phase1KeysOf(members, outcomes, io);
  const state = keys ? io.stored!.load() : undefined;
  let plan = keys && state ? await fromState(members, keys, outcomes, io, state) : undefined;
  // Phase-2 results of files not sliced this run, by the stored slice hash; a missing one means merging again.
  const ready = new Map<number, FileAnalysis>();
  if (plan && !members.every((i, m) => plan!.hashes[m] === '' || plan!.slices.has(i) || cachedInto(ready, i, plan!.hashes[m]!, io))) {
    plan = undefined;
    ready.clear();
  }
  plan ??= await fullMerge(members, keys, outcomes, io);
  const pending: number[] = [];
  members.forEach((i, m) => {
    const o = outcomes[i] as Ok;
    const done = ready.get(i);
    if (plan.hashes[m] === '') o.result = combine(o.result, o.result.split!.findings, o.result.split!.suppressed, []);
    else if (done) o.result = combine(o.result, done.findings, done.suppressed, done.diagnostics);
    else pending.push(i);
  });
  const hashOf = new Map(members.map((i, m) => [i, plan.hashes[m]!]));
  let next = 0;
  let analysed = 0;
  const lane = async (): Promise<void> => {
    while (next < pending.length) {
      const i = pending[next++]!;
      const outcome = outcomes[i] as Ok;
      const slice = plan.slices.get(i)!;
      const hash = io.hashes[i];
      const key = hash ? io.keyOf(i, hash, hashOf.get(i)!) : undefined;
      let result = key ? io.cached(key) : undefined;
      if (!result) {
        const read = outcome.text !== undefined ? { ok: true as const, text: outcome.text } : await io.source.read(i);
        // The file went away between the phases: its phase-1 findings stand.
        if (!read.ok) { outcome.result = combine(outcome.result, outcome.result.split!.findings, outcome.result.split!.suppressed, []); continue; }
        analysed++;
        result = await io.analyse(i, read.text, key, slice);
      }
      outcome.result = combine(outcome.result, result.findings, result.suppressed, result.diagnostics);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WINDOW, pending.length) }, lane));
  if (plan.state) io.stored!.save(plan.state);
  else if (plan.delta) io.stored!.saveDelta(plan.delta.chain, plan.delta.changes);
  return { files: plan.hashes.filter((h) => h !== '').length, analysed, merged: plan.merged };
}

function cachedInto(ready: Map<number, FileAnalysis>, i: number, sliceHash: string, io: ProjectPhaseIO): boolean {
  const textHash = io.hashes[i];
  const key = textHash ? io.keyOf(i, textHash, sliceHash) : undefined;
  const result = key ? io.cached(key) : undefined;
  if (result) ready.set(i, result);
  return result !== undefined;
}

/**
 * Each member's phase-1 key (what its facts are a function of). Undefined (no reuse, nothing stored) without a
 * cache, or when a phase-1 result is not what its key promises (the engine gave up on the file: such results are
 * never cached, and their facts may be partial).
 */
function phase1KeysOf(members: readonly number[], outcomes: readonly FileOutcome[], io: ProjectPhaseIO): string[] | undefined {
  if (!io.stored) return undefined;
  const keys: string[] = [];
  for (const i of members) {
    const k = io.stored.phase1Key(i);
    if (k === undefined || gaveUp((outcomes[i] as Ok).result)) return undefined;
    keys.push(k);
  }
  return keys;
}

/**
 * The slices from the last merge's state, when it was made from the same files. The merge is a pure function of the
 * facts, and the facts of the phase-1 keys: the same keys give the same slices, so their hashes are reused without
 * loading any facts. When some files changed but not in their global parts (index/project.ts globalPartsOf), none
 * changed an import binding a resolution looked up (importsConsulted), and none changed what a function of theirs
 * contributes to the summaries (effectivePlan) or a function name a resolution asked for, every other file's slice is what it was: the merge is rebuilt from
 * the index with the stored summaries, and only the changed files are sliced. Undefined
 * otherwise (then everything is merged again).
 */
async function fromState(members: readonly number[], keys: readonly string[], outcomes: FileOutcome[], io: ProjectPhaseIO, state: ProjectState): Promise<Plan | undefined> {
  if (Object.keys(state.files).length !== members.length) return undefined;
  const rows: StateRow[] = [];
  const changed: number[] = [];
  for (const [m, i] of members.entries()) {
    const path = io.source.path(i);
    const row = Object.hasOwn(state.files, path) ? state.files[path] : undefined;
    if (!row) return undefined;
    rows.push(row);
    if (row[0] !== keys[m]) changed.push(m);
  }
  const hashes = rows.map((r) => r[2]);
  if (changed.length === 0) return { hashes, slices: new Map(), merged: 'none' };
  // The index is read per file, as the merge asks (index/project.ts RestoredMerge): the changed files' entries, and
  // those of the files their resolutions reach.
  const entryOf = (path: string): IndexedFacts | undefined => indexEntry(state, path) as IndexedFacts | undefined;
  const consulted = state.importsConsulted;
  if (!consulted.usable() || !state.askedNames.usable()) return undefined;
  const fresh = new Map<number, FileFacts>();
  const freshByPath = new Map<string, FileFacts>();
  for (const m of changed) {
    const i = members[m]!;
    const path = io.source.path(i);
    const facts = await factsOf(i, outcomes[i] as Ok, io);
    const old = entryOf(path);
    if (!facts || !old || globalHash(facts) !== rows[m]![1]) return undefined;
    if (changedBindings(old.imports, facts.imports).some((local) => consulted.has(`${path}\0${local}`))) return undefined;
    fresh.set(m, facts);
    freshByPath.set(path, facts);
  }
  const paths = members.map((i) => io.source.path(i));
  // Every member's facts must be had: its fresh ones or its index entry (read when a resolution reaches the file).
  if (!paths.every((path) => freshByPath.has(path) || hasIndexEntry(state, path))) return undefined;
  const restored = new Map<string, FileFacts>();
  const project = new ProjectFacts({
    paths, tablePaths: state.tablePaths, summaries: state.summaries, scopers: state.scopers,
    facts: (path) => {
      const own = freshByPath.get(path) ?? restored.get(path);
      if (own) return own;
      const entry = entryOf(path);
      if (!entry) return undefined;
      const f = fromIndex(entry);
      restored.set(path, f);
      return f;
    },
  });
  const asked = state.askedNames;
  for (const m of changed) {
    const path = io.source.path(members[m]!);
    const module = project.moduleOf(path);
    if (module === undefined) continue;
    const before = new Set(entryOf(path)!.functions);
    const after = new Set(fresh.get(m)!.functions.map((fn) => fn.name));
    // A function added or gone changes the answer of a resolution that asked for its name.
    for (const local of after) if (!before.has(local) && asked.has(`${module}.${local}`)) return undefined;
    for (const local of before) if (!after.has(local) && asked.has(`${module}.${local}`)) return undefined;
    if (functionFactsChanged(entryOf(path)!, fresh.get(m)!, module, asked)) return undefined;
    // The stored summaries stand when every changed function contributes to them what it did (effectivePlan).
    for (const local of new Set([...before, ...after])) {
      const name = `${module}.${local}`;
      if (project.effectivePlan(name) !== (Object.hasOwn(state.plans, name) ? state.plans[name] : undefined)) return undefined;
    }
  }
  const slices = new Map<number, ProjectSlice>();
  const changes: ProjectDelta = { files: {}, index: {}, importsConsulted: [], askedNames: [] };
  for (const m of changed) {
    const i = members[m]!;
    const path = io.source.path(i);
    const slice = project.sliceFor(path);
    hashes[m] = isEmptySlice(slice) ? '' : sliceHash(slice);
    if (hashes[m] !== '') slices.set(i, slice);
    changes.files[path] = [keys[m]!, rows[m]![1], hashes[m]!];
    changes.index[path] = indexedFacts(fresh.get(m)!);
  }
  changes.importsConsulted = [...project.importsConsulted].filter((p) => !consulted.has(p)).sort();
  changes.askedNames = [...project.askedNames].filter((n) => !asked.has(n)).sort();
  // A small delta after the loaded state (or folded with the deltas there) when there is room; the whole state
  // otherwise, and when many files changed: a delta repeats their rows and index entries, and the first run of a new
  // pillar build changes every file's phase-1 key — its delta was as large as the base, and every later run read both.
  if (changed.length <= members.length * MAX_DELTA_SHARE_OF_FILES && roomForDelta(state.chain)) return { hashes, slices, merged: 'incremental', delta: { chain: state.chain, changes } };
  const index = indexOf(state);
  Object.assign(index, changes.index);
  return {
    hashes, slices, merged: 'incremental',
    state: { files: { ...state.files, ...changes.files }, summaries: state.summaries, scopers: state.scopers, plans: state.plans,
      importsConsulted: [...consulted.all(), ...changes.importsConsulted].sort(),
      askedNames: [...asked.all(), ...changes.askedNames].sort(), tablePaths: state.tablePaths, index },
  };
}

/** Every member's facts merged and sliced; the state for the next run when every member had its facts and a key. */
async function fullMerge(members: readonly number[], keys: readonly string[] | undefined, outcomes: FileOutcome[], io: ProjectPhaseIO): Promise<Plan> {
  const facts: Array<FileFacts | undefined> = [];
  for (const i of members) facts.push(await factsOf(i, outcomes[i] as Ok, io));
  const project = new ProjectFacts(facts.filter((f): f is FileFacts => f !== undefined));
  const slices = new Map<number, ProjectSlice>();
  const hashes = members.map((i, m) => {
    // A member whose facts were lost and whose file went away keeps its phase-1 findings.
    if (!facts[m]) return '';
    const slice = project.sliceFor(io.source.path(i));
    if (isEmptySlice(slice)) return '';
    slices.set(i, slice);
    return sliceHash(slice);
  });
  if (!keys || facts.some((f) => f === undefined)) return { hashes, slices, merged: 'full' };
  const files: Record<string, StateRow> = {};
  const index: Record<string, IndexedFacts> = {};
  members.forEach((i, m) => {
    const path = io.source.path(i);
    files[path] = [keys[m]!, globalHash(facts[m]!), hashes[m]!];
    index[path] = indexedFacts(facts[m]!);
  });
  return {
    hashes, slices, merged: 'full',
    state: {
      files, summaries: project.exportSummaries(), scopers: project.exportScopers(), plans: project.exportPlans(), importsConsulted: [...project.importsConsulted].sort(),
      askedNames: [...project.askedNames].sort(), tablePaths: tablePathsOf(facts as FileFacts[]),
      index,
    },
  };
}

/** A member's facts: from its fresh analysis, else from the facts pack, else from phase 1 run again. */
async function factsOf(i: number, outcome: Ok, io: ProjectPhaseIO): Promise<FileFacts | undefined> {
  const own = outcome.result.split!.facts;
  if (own) return own;
  const stored = io.stored?.facts(i);
  if (stored) return stored;
  const read = outcome.text !== undefined ? { ok: true as const, text: outcome.text } : await io.source.read(i);
  return read.ok ? io.extractFacts(i, read.text) : undefined;
}

/** The phase-1 result without its split part, with the project-aware rules' findings added. */
function combine(base: FileAnalysis, findings: readonly Finding[], suppressed: number, diagnostics: readonly Diagnostic[]): FileAnalysis {
  return { findings: [...base.findings, ...findings], diagnostics: [...base.diagnostics, ...diagnostics], suppressed: base.suppressed + suppressed };
}

/**
 * One Python file reviewed as a project of its own (both phases in one call): its facts merged alone, its slice as
 * the project-aware rules' view. For callers that analyse a text with no tree around it (rule docs, fixtures).
 */
export async function analyzeAsProject(path: string, source: string, rules: readonly Rule[], options: AnalyzeOptions): Promise<FileAnalysis> {
  const needsProject = rules.some((r) => r.meta.usesProject === true && r.language !== 'cpp');
  const facts = needsProject ? (await analyzePython(path, source, [], { ...options, phase: 'facts' })).split?.facts : undefined;
  const project = facts ? new ProjectFacts([facts]).sliceFor(path) : undefined;
  return analyzePython(path, source, rules, { ...options, ...(project ? { project } : {}) });
}
