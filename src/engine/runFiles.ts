// Runs the analysis of many files: cache look-ups first, then the misses on a worker pool (or in this thread for
// small runs and --jobs 1). Results come back indexed like the input, so the report never depends on which
// thread finished first. Files are read in a bounded window, so a 100,000-file tree is never held in memory.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { codeFingerprint } from '../cache/codeFingerprint.js';
import { decodeFacts, FileCache, SealedPack, sha256, type CacheStats } from '../cache/fileCache.js';
import { Manifest } from '../cache/manifest.js';
import { loadProjectState, saveProjectDelta, saveProjectState } from '../cache/projectState.js';
import type { DeclaredVersions } from '../index/declaredDependencies.js';
import type { FileFacts } from '../index/types.js';
import type { Diagnostic } from '../findings/types.js';
import type { Rule } from '../rulekit/types.js';
import type { ReadResult } from '../sources/read.js';
import { languageOf } from '../sources/language.js';
import { preferQuickStart } from '../languages/treesitter/runtime.js';
import type { FileAnalysis } from './analyzePython.js';
import { dropTrees } from './keptTrees.js';
import { defaultWorker, WorkerPool, type Ran } from './pool.js';
import { runProjectPhase, type ProjectPhaseStats } from './projectPhase.js';
import { gaveUp, runTask, type AnalyzeTask, type TimedAnalysis } from './task.js';
import { mergeTimes, timingOn, type Timings } from './timing.js';

export const DEFAULT_FILE_TIMEOUT_MS = 30_000;
/** Below this many files to analyse, starting threads (~0.3 s each) costs more than it saves. */
export const MIN_FILES_FOR_POOL = 8;
/**
 * Unless --jobs asks for threads, less source than this is analysed in this thread too: every worker starts cold
 * (loading, wasm, compiling pillar's code), which two threads only earn back on larger runs. Measured on 2 cores:
 * 18 files of 1.3 MB took 0.95 s with two workers and 0.80 s in one thread; 2 MB were even; 5 MB 2.5 s against 2.6 s.
 */
export const MIN_BYTES_FOR_POOL = 2 * 1024 * 1024;
/** From this many files to analyse, their sizes are not looked up: they are enough work for the pool. */
const MANY_FILES = 256;
/**
 * Texts above this many characters (only seen when --max-file-size is raised) are analysed in a thread of their own:
 * a tree that outgrows tree-sitter's wasm memory aborts the wasm module for good, and must not take the parser of
 * the main thread or of a pooled worker with it.
 */
const ISOLATE_CHARS = 8 * 1024 * 1024;
/** Reads ahead per thread: enough to keep workers fed (and batches of small files full), few enough to bound memory. */
const READ_AHEAD_PER_THREAD = 8;

export interface EngineOptions {
  rules: readonly Rule[];
  keepSuppressed: boolean;
  /**
   * Worker threads; 1 analyses in this thread. Default: os.availableParallelism(), or this thread alone when there
   * is little to analyse (MIN_BYTES_FOR_POOL).
   */
  jobs?: number;
  /** Cache directory; none when undefined. */
  cacheDir?: string;
  fileTimeoutMs?: number;
  /** Files to analyse from which the pool is used (tests lower it to exercise the pool on small trees). */
  minFilesForPool?: number;
}

export interface FileSource {
  count: number;
  path(index: number): string;
  read(index: number): Promise<ReadResult>;
  /** Change review: the file's text before the change, analysed too, or null when it is new. */
  oldText?(index: number, text: string): string | null;
  /** Keep each file's text in its outcome (change attribution and the LLM review need it). */
  keepText: boolean;
  /**
   * The file's stat signature on disk (see cache/manifest.ts), or undefined when it must be read anyway (it is over
   * the size limit, or not read from disk). With a cache, a known signature skips reading and hashing the file.
   */
  signature?(index: number): Promise<string | undefined>;
  /** The file's size in bytes when it can be had without reading it, to judge how much work a run is. */
  size?(index: number): number | undefined;
  onProgress?(done: number, total: number): void;
  /** What the project of the file declares about the distributions rules ask (sources/projectManifests.ts). */
  declared?(index: number): DeclaredVersions;
}

export type FileOutcome =
  | { ok: false; diagnostic: Diagnostic }
  | { ok: true; lines: number; text?: string; result: FileAnalysis; old?: FileAnalysis };

/** `analysed`: files analysed in phase 1 (cache misses); `project`: phase 2 of a two-phase run (projectPhase.ts). */
export interface RunStats {
  jobs: number; analysed: number; cache?: CacheStats; project?: ProjectPhaseStats;
  /** With --timing (PILLAR_TIMING): where the analysis time went, summed over every thread (timing.ts). */
  timing?: Timings;
}

interface Unit { key: string | undefined; text: string; keepSuppressed: boolean; phase?: 'facts' }

const baseVariant = (keepSuppressed: boolean): string => (keepSuppressed ? 'keep-suppressed' : 'drop-suppressed');

/** The pack of the project facts of phase-1 results, by the same keys (see SealedPack). */
const FACTS_PACK = 'facts.pack.json';

/** A phase-1 result as the result pack keeps it: its facts go to the facts pack. */
function withoutFacts(result: FileAnalysis): FileAnalysis {
  if (!result.split?.facts) return result;
  const { facts: _facts, ...split } = result.split;
  return { ...result, split };
}

export async function runFiles(source: FileSource, options: EngineOptions): Promise<{ outcomes: FileOutcome[]; stats: RunStats }> {
  const ruleIds = options.rules.map((r) => r.meta.id);
  // Project-aware rules (meta.usesProject) make the run two-phase: see runProjectPhase.
  const projectRuleIds = options.rules.filter((r) => r.meta.usesProject === true).map((r) => r.meta.id);
  const twoPhase = projectRuleIds.length > 0;
  // Phase-1 results of a two-phase run hold the facts and keep the project rules' findings apart: another entry.
  const variantOf = (keepSuppressed: boolean, main = true): string => `${baseVariant(keepSuppressed)}${twoPhase && main ? '+facts' : ''}`;
  const timeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  /** Prefix of this run's kept-tree tokens; `laneOf[i]`: the thread that kept file i's tree (0 in this thread). */
  const treeRun = `${randomUUID()}:`;
  const laneOf: Array<number | undefined> = [];
  const fingerprint = sha256(`${codeFingerprint()}\0${ruleIds.join(',')}`);
  const cache = options.cacheDir !== undefined ? new FileCache(options.cacheDir, fingerprint) : undefined;
  // Read only when the project facts must be merged again or a phase-1 result is added (SealedPack loads on use).
  const factsPack = cache && twoPhase ? new SealedPack<FileFacts>(cache.dir, fingerprint, cache.key, FACTS_PACK, decodeFacts, true) : undefined;
  /** The cache key of each file's phase-1 result (with a cache). */
  const phase1Keys: Array<string | undefined> = new Array<string | undefined>(source.count);
  const outcomes: FileOutcome[] = new Array<FileOutcome>(source.count);
  let done = 0;
  const finish = (i: number, outcome: FileOutcome): void => {
    outcomes[i] = outcome;
    source.onProgress?.(++done, source.count);
  };

  /** The file's text hashed once, for the cache key and the manifest (only with a cache). */
  const hashOf = (text: string): string | undefined => (cache ? sha256(text) : undefined);
  // The declared versions decide findings as much as the text does: part of every key of the file's results.
  const declaredOf = (i: number): DeclaredVersions | undefined => {
    const d = source.declared?.(i);
    return d && Object.keys(d).length > 0 ? d : undefined;
  };
  const declaredKey = (i: number): string => {
    const d = declaredOf(i);
    return d ? `+declared:${JSON.stringify(Object.entries(d).sort())}` : '';
  };
  const unitsOf = (i: number, text: string, hash: string | undefined): Unit[] => {
    const path = source.path(i);
    const units: Unit[] = [{ text, keepSuppressed: options.keepSuppressed, key: hash && cache?.keyOfHash(path, hash, variantOf(options.keepSuppressed) + declaredKey(i)), ...(twoPhase ? { phase: 'facts' as const } : {}) }];
    phase1Keys[i] = units[0]!.key;
    // The version before a change is reviewed on its own, without project facts (it only tells moved code apart).
    const old = source.oldText?.(i, text) ?? null;
    if (old !== null) units.push({ text: old, keepSuppressed: false, key: cache?.keyOf(path, old, variantOf(false, false) + declaredKey(i)) });
    return units;
  };
  const outcomeOf = (text: string, results: FileAnalysis[]): FileOutcome => ({
    ok: true, lines: countLines(text), result: results[0]!, ...(results[1] ? { old: results[1] } : {}),
    ...(source.keepText ? { text } : {}),
  });

  // Phase 1: cache look-ups, without reading files the manifest knows unchanged. Texts of misses are dropped and
  // read again in phase 2.
  const misses: number[] = cache ? [] : Array.from({ length: source.count }, (_, i) => i);
  // Outcomes from the manifest carry no text, so runs that need texts read every file.
  const manifest = cache && source.signature && !source.keepText ? Manifest.load(cache.dir) : undefined;
  cache?.load();
  // The signature is taken before reading: a file edited in between is then read again next time, never trusted.
  const signatureOf = async (i: number): Promise<string | undefined> => (manifest ? source.signature!(i) : undefined);
  /** Each file's text hash (with a cache), for the phase-2 cache key. */
  const hashes: Array<string | undefined> = new Array<string | undefined>(source.count);
  const remember = (i: number, signature: string | undefined, text: string, hash: string | undefined): void => {
    hashes[i] = hash;
    if (manifest && signature && hash) manifest.record(source.path(i), signature, { hash, lines: countLines(text) });
  };
  if (cache) await inWindow(source.count, 32, async (i) => {
    const signature = await signatureOf(i);
    const known = signature ? manifest!.lookup(source.path(i), signature) : undefined;
    if (known && !source.oldText) {
      hashes[i] = known.hash;
      phase1Keys[i] = cache.keyOfHash(source.path(i), known.hash, variantOf(options.keepSuppressed) + declaredKey(i));
      const hit = cache.get(phase1Keys[i]);
      if (hit) return finish(i, { ok: true, lines: known.lines, result: hit });
      return void misses.push(i);
    }
    const read = await source.read(i);
    if (!read.ok) return finish(i, { ok: false, diagnostic: read.diagnostic });
    const hash = hashOf(read.text);
    remember(i, signature, read.text, hash);
    const units = unitsOf(i, read.text, hash);
    const hits = units.map((u) => cache.get(u.key!));
    if (hits.every((h): h is FileAnalysis => h !== undefined)) finish(i, outcomeOf(read.text, hits));
    else misses.push(i);
  });
  misses.sort((a, b) => a - b);

  // Phase 2: analyse the misses.
  const requested = Math.max(1, Math.floor(options.jobs ?? availableParallelism()));
  const worker = defaultWorker();
  const usePool = requested > 1 && worker !== null && misses.length >= (options.minFilesForPool ?? MIN_FILES_FOR_POOL) &&
    (options.jobs !== undefined || !littleWork(misses, source));
  let projectStats: ProjectPhaseStats | undefined;
  const timings: Timings | undefined = timingOn() ? {} : undefined;
  let pool = usePool ? new WorkerPool(Math.min(requested, misses.length), worker) : undefined;
  try {
    // Threads that cannot start (a broken install, no tsx beside TypeScript sources) cost speed, never the review.
    if (pool) await pool.warm().catch(async () => {
      await pool?.close().catch(() => undefined);
      pool = undefined;
    });
    // A few files in this thread: wasm tuned for a short run (languages/treesitter/runtime.ts).
    if (!pool && misses.length < MIN_FILES_FOR_POOL) preferQuickStart();
    // Analyses in this thread run strictly one after another, whatever the reads ahead do: a file's time limit must
    // never include another file's analysis.
    let previous: Promise<unknown> = Promise.resolve();
    const inThisThread = (task: AnalyzeTask): Promise<FileAnalysis> => {
      const run = previous.then(() => runTask(task));
      previous = run;
      return run;
    };
    const analyse = async (i: number, unit: Unit, extra: Partial<AnalyzeTask> = {}, lane?: number): Promise<FileAnalysis> => {
      const declared = declaredOf(i);
      const task: AnalyzeTask = { path: source.path(i), text: unit.text, ruleIds, keepSuppressed: unit.keepSuppressed, timeoutMs, ...(unit.phase ? { phase: unit.phase } : {}), ...(declared ? { declared } : {}), ...extra };
      const isolate = unit.text.length > ISOLATE_CHARS && worker !== null;
      // A phase-1 tree phase 2 may want again stays in the thread that parsed it (not in an isolated one, ended after):
      // which files phase 2 takes is known only once every file's facts are merged (engine/keptTrees.ts).
      const keep = twoPhase && unit.phase === 'facts' && extra.ruleIds === undefined && !isolate && languageOf(task.path) === 'python';
      if (keep) task.keep = `${treeRun}${i}`;
      const ran: Ran = isolate ? { result: await isolated(task, worker), lane: -1 } : pool ? await pool.runOn(task, lane) : { result: await inThisThread(task), lane: 0 };
      if (keep && ran.lane >= 0) laneOf[i] = ran.lane;
      const timed: TimedAnalysis = ran.result;
      // Timing totals never reach the cache or the report.
      const { timing: times, ...result } = timed;
      if (timings && times) mergeTimes(timings, times);
      if (cache && unit.key && !gaveUp(result)) {
        cache.put(unit.key, withoutFacts(result));
        if (factsPack && result.split?.facts) factsPack.put(unit.key, result.split.facts);
      }
      return result;
    };
    // Reads run ahead of the analyses so that no thread waits for the disk.
    const width = (pool ? pool.threads : 1) * READ_AHEAD_PER_THREAD;
    await inWindow(misses.length, width, async (m) => {
      const i = misses[m]!;
      const signature = await signatureOf(i);
      const read = await source.read(i);
      if (!read.ok) return finish(i, { ok: false, diagnostic: read.diagnostic });
      const hash = hashOf(read.text);
      remember(i, signature, read.text, hash);
      const units = unitsOf(i, read.text, hash);
      const results: FileAnalysis[] = [];
      // With two units (change review) one of them may have been a hit.
      for (const unit of units) results.push((units.length > 1 && unit.key ? cache?.get(unit.key) : undefined) ?? await analyse(i, unit));
      finish(i, outcomeOf(read.text, results));
    });
    if (twoPhase) {
      const tp = performance.now();
      projectStats = await runProjectPhase(outcomes, {
        source, projectRuleIds, hashes,
        cached: (key) => cache?.get(key),
        keyOf: (i, hash, sliceKey) => cache?.keyOfHash(source.path(i), hash, `${baseVariant(options.keepSuppressed)}+project:${sliceKey}${declaredKey(i)}`),
        analyse: (i, text, key, slice) => {
          const lane = laneOf[i];
          return analyse(i, { text, key, keepSuppressed: options.keepSuppressed }, { ruleIds: projectRuleIds, phase: 'project', project: slice, ...(lane !== undefined ? { reuse: `${treeRun}${i}` } : {}) }, lane);
        },
        // Facts only: the file's phase-1 result stands; the facts go back to the facts pack.
        extractFacts: async (i, text) => {
          const facts = (await analyse(i, { text, key: undefined, keepSuppressed: options.keepSuppressed, phase: 'facts' }, { ruleIds: [] })).split?.facts;
          const key = phase1Keys[i];
          if (facts && factsPack && key) factsPack.put(key, facts);
          return facts;
        },
        ...(cache && factsPack ? {
          stored: {
            phase1Key: (i: number) => phase1Keys[i],
            facts: (i: number) => { const k = phase1Keys[i]; return k ? factsPack.get(k) : undefined; },
            load: () => loadProjectState(cache.dir, cache.key),
            save: (state) => { saveProjectState(cache.dir, cache.key, state); },
            saveDelta: (chain, delta) => { saveProjectDelta(cache.dir, cache.key, chain, delta); },
          },
        } : {}),
      });
      // Wall time of phase 2 in the main thread: joining the facts, slicing, and the re-analyses.
      if (timings) mergeTimes(timings, { 'stage:phase-2 wall': { ms: performance.now() - tp, calls: 1 } });
    }
  } finally {
    await pool?.close();
    // Trees kept in this thread (--jobs 1, small runs); a pool's ended with its threads.
    dropTrees(treeRun);
    manifest?.save();
    cache?.save();
    if (factsPack) {
      // Facts stay as young as their results: a run that loaded the pack keeps every current file's facts in it.
      for (const k of phase1Keys) if (k !== undefined && factsPack.isLoaded) factsPack.touch(k);
      factsPack.save();
    }
  }
  return { outcomes, stats: { jobs: pool?.threads ?? 1, analysed: misses.length, ...(cache ? { cache: cache.stats } : {}), ...(projectStats ? { project: projectStats } : {}), ...(timings ? { timing: timings } : {}) } };
}

/** True when the files are known to hold less source than is worth starting threads for. */
function littleWork(indexes: readonly number[], source: FileSource): boolean {
  if (indexes.length >= MANY_FILES || !source.size) return false;
  let bytes = 0;
  for (const i of indexes) {
    const size = source.size(i);
    if (size === undefined) return false;
    bytes += size;
  }
  return bytes < MIN_BYTES_FOR_POOL;
}

/** Analyses one huge text in a fresh thread with no heap limit, ended afterwards whatever happened in it. */
async function isolated(task: AnalyzeTask, worker: { filename: string; execArgv: string[] }): Promise<FileAnalysis> {
  const pool = new WorkerPool(1, worker, undefined, null);
  try {
    return await pool.run(task);
  } finally {
    await pool.close();
  }
}

/** Calls `work(0..count-1)` with at most `width` calls pending at once. */
async function inWindow(count: number, width: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  // indexOf scans natively, several times faster than a charCodeAt loop on large files.
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
