// Phase 2 of a two-phase run (rules with meta.usesProject selected). Phase 1 analysed every file once, extracting
// its project facts and keeping the project-aware rules' findings (computed with no project facts) apart. Here the
// facts are merged (index/project.ts) and each file gets its slice: when it is empty the phase-1 findings are the
// answer; otherwise the project-aware rules alone run again on that file with the slice, cached under the file's
// hash and the slice's hash — so a file is re-analysed when one of its dependencies' facts changes, and only then.
import { createHash } from 'node:crypto';
import type { ProjectState } from '../cache/projectState.js';
import type { Diagnostic, Finding } from '../findings/types.js';
import { ProjectFacts, sliceHash } from '../index/project.js';
import { isEmptySlice, type FileFacts, type ProjectSlice } from '../index/types.js';
import type { Rule } from '../rulekit/types.js';
import { analyzePython, type AnalyzeOptions, type FileAnalysis } from './analyzePython.js';
import type { FileOutcome, FileSource } from './runFiles.js';
import { gaveUp } from './task.js';

/** Phase-2 analyses in flight at once: the pool (or the main thread's queue) bounds the real concurrency. */
const WINDOW = 16;

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
    save(state: ProjectState): void;
  };
  /** Phase 1 again on a file whose stored facts were lost (aged out, damaged pack): its facts. */
  extractFacts(index: number, text: string): Promise<FileFacts | undefined>;
}

/**
 * Files whose slice was not empty (phase 2 ran or was served from the cache), how many were analysed, and whether
 * the facts were merged (false: the last merge's slices were reused, see runProjectPhase).
 */
export interface ProjectPhaseStats { files: number; analysed: number; merged: boolean }

type Ok = Extract<FileOutcome, { ok: true }>;

export async function runProjectPhase(outcomes: FileOutcome[], io: ProjectPhaseIO): Promise<ProjectPhaseStats> {
  const members: number[] = [];
  outcomes.forEach((o, i) => { if (o.ok && o.result.split) members.push(i); });
  const key = stateKeyOf(members, outcomes, io);
  // The merge is a pure function of the facts, and the facts of the phase-1 keys: the same keys as last time give
  // the same slices, so their hashes are reused and the facts are not even loaded.
  if (key !== undefined) {
    const state = io.stored!.load();
    if (state?.key === key && reuseSlices(members, outcomes, io, state)) return { files: members.filter((i) => state.slices[io.source.path(i)] !== '').length, analysed: 0, merged: false };
  }
  const facts: FileFacts[] = [];
  const lost = new Set<number>();
  for (const i of members) {
    const f = await factsOf(i, outcomes[i] as Ok, io);
    if (f) facts.push(f);
    else lost.add(i);
  }
  const project = new ProjectFacts(facts);
  const pending: number[] = [];
  const slices = new Map<number, ProjectSlice>();
  const hashes: Record<string, string> = {};
  for (const i of members) {
    const o = outcomes[i] as Ok;
    const slice = lost.has(i) ? undefined : project.sliceFor(io.source.path(i));
    if (!slice || isEmptySlice(slice)) {
      hashes[io.source.path(i)] = '';
      o.result = combine(o.result, o.result.split!.findings, o.result.split!.suppressed, []);
      continue;
    }
    hashes[io.source.path(i)] = sliceHash(slice);
    slices.set(i, slice);
    pending.push(i);
  }
  let next = 0;
  let analysed = 0;
  const lane = async (): Promise<void> => {
    while (next < pending.length) {
      const i = pending[next++]!;
      const outcome = outcomes[i] as Ok;
      const slice = slices.get(i)!;
      const hash = io.hashes[i];
      const key = hash ? io.keyOf(i, hash, hashes[io.source.path(i)]!) : undefined;
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
  if (key !== undefined && lost.size === 0) io.stored!.save({ key, slices: hashes });
  return { files: pending.length, analysed, merged: true };
}

/**
 * What the merge is made from: the phase-1 keys of every member, sorted, with the project-aware rules. Undefined
 * (no reuse, nothing stored) without a cache, or when a phase-1 result is not what its key promises (the engine gave
 * up on the file: such results are never cached, and their facts may be partial).
 */
function stateKeyOf(members: readonly number[], outcomes: readonly FileOutcome[], io: ProjectPhaseIO): string | undefined {
  if (!io.stored) return undefined;
  const keys: string[] = [];
  for (const i of members) {
    const k = io.stored.phase1Key(i);
    if (k === undefined || gaveUp((outcomes[i] as Ok).result)) return undefined;
    keys.push(k);
  }
  keys.sort();
  return createHash('sha256').update(`${io.projectRuleIds.join(',')}\0${keys.join('\0')}`).digest('hex');
}

/**
 * Serves every member from the last merge's slice hashes: the phase-1 findings for an empty slice, the cached
 * phase-2 result otherwise. False, with nothing changed, when a file is not in the state or its phase-2 result is no
 * longer cached (then the caller merges the facts again).
 */
function reuseSlices(members: readonly number[], outcomes: FileOutcome[], io: ProjectPhaseIO, state: ProjectState): boolean {
  const served: Array<FileAnalysis | null> = [];
  for (const i of members) {
    const h = Object.hasOwn(state.slices, io.source.path(i)) ? state.slices[io.source.path(i)]! : undefined;
    const textHash = io.hashes[i];
    if (h === undefined || textHash === undefined) return false;
    if (h === '') { served.push(null); continue; }
    const key = io.keyOf(i, textHash, h);
    const result = key ? io.cached(key) : undefined;
    if (!result) return false;
    served.push(result);
  }
  members.forEach((i, m) => {
    const o = outcomes[i] as Ok;
    const r = served[m]!;
    o.result = r === null ? combine(o.result, o.result.split!.findings, o.result.split!.suppressed, [])
      : combine(o.result, r.findings, r.suppressed, r.diagnostics);
  });
  return true;
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
