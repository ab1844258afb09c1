// Runs the analysis of many files: cache look-ups first, then the misses on a worker pool (or in this thread for
// small runs and --jobs 1). Results come back indexed like the input, so the report never depends on which
// thread finished first. Files are read in a bounded window, so a 100,000-file tree is never held in memory.
import { availableParallelism } from 'node:os';
import { codeFingerprint } from '../cache/codeFingerprint.js';
import { FileCache, sha256, type CacheStats } from '../cache/fileCache.js';
import type { Diagnostic } from '../findings/types.js';
import type { Rule } from '../rules/framework/types.js';
import type { ReadResult } from '../sources/read.js';
import type { FileAnalysis } from './analyzePython.js';
import { defaultWorker, WorkerPool } from './pool.js';
import { runTask, type AnalyzeTask } from './task.js';

export const DEFAULT_FILE_TIMEOUT_MS = 30_000;
/** Below this many files to analyse, starting threads (~0.3 s each) costs more than it saves. */
export const MIN_FILES_FOR_POOL = 8;
/** Reads ahead per thread: enough to keep workers fed, few enough to bound memory. */
const READ_AHEAD_PER_THREAD = 4;

export interface EngineOptions {
  rules: readonly Rule[];
  keepSuppressed: boolean;
  /** Worker threads; 1 analyses in this thread. Default: os.availableParallelism(). */
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
  onProgress?(done: number, total: number): void;
}

export type FileOutcome =
  | { ok: false; diagnostic: Diagnostic }
  | { ok: true; lines: number; text?: string; result: FileAnalysis; old?: FileAnalysis };

export interface RunStats { jobs: number; analysed: number; cache?: CacheStats }

interface Unit { key: string | undefined; text: string; keepSuppressed: boolean }

export async function runFiles(source: FileSource, options: EngineOptions): Promise<{ outcomes: FileOutcome[]; stats: RunStats }> {
  const ruleIds = options.rules.map((r) => r.meta.id);
  const timeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const cache = options.cacheDir !== undefined
    ? new FileCache(options.cacheDir, sha256(`${codeFingerprint()}\0${ruleIds.join(',')}`))
    : undefined;
  const outcomes: FileOutcome[] = new Array<FileOutcome>(source.count);
  let done = 0;
  const finish = (i: number, outcome: FileOutcome): void => {
    outcomes[i] = outcome;
    source.onProgress?.(++done, source.count);
  };

  const unitsOf = (i: number, text: string): Unit[] => {
    const path = source.path(i);
    const variants: Array<{ text: string; keepSuppressed: boolean }> = [{ text, keepSuppressed: options.keepSuppressed }];
    const old = source.oldText?.(i, text) ?? null;
    if (old !== null) variants.push({ text: old, keepSuppressed: false });
    return variants.map((v) => ({ ...v, key: cache?.keyOf(path, v.text, v.keepSuppressed ? 'keep-suppressed' : 'drop-suppressed') }));
  };
  const outcomeOf = (text: string, results: FileAnalysis[]): FileOutcome => ({
    ok: true, lines: countLines(text), result: results[0]!, ...(results[1] ? { old: results[1] } : {}),
    ...(source.keepText ? { text } : {}),
  });

  // Phase 1: reads and cache look-ups. Texts of misses are dropped and read again in phase 2.
  const misses: number[] = cache ? [] : Array.from({ length: source.count }, (_, i) => i);
  if (cache) await inWindow(source.count, 32, async (i) => {
    const read = await source.read(i);
    if (!read.ok) return finish(i, { ok: false, diagnostic: read.diagnostic });
    const units = unitsOf(i, read.text);
    const hits = await Promise.all(units.map((u) => cache.get(u.key!)));
    if (hits.every((h): h is FileAnalysis => h !== undefined)) finish(i, outcomeOf(read.text, hits));
    else misses.push(i);
  });
  misses.sort((a, b) => a - b);

  // Phase 2: analyse the misses.
  const requested = Math.max(1, Math.floor(options.jobs ?? availableParallelism()));
  const worker = defaultWorker();
  const usePool = requested > 1 && worker !== null && misses.length >= (options.minFilesForPool ?? MIN_FILES_FOR_POOL);
  const pool = usePool ? new WorkerPool(Math.min(requested, misses.length), worker) : undefined;
  const writes: Array<Promise<void>> = [];
  try {
    await pool?.warm();
    const analyse = async (i: number, unit: Unit): Promise<FileAnalysis> => {
      const task: AnalyzeTask = { path: source.path(i), text: unit.text, ruleIds, keepSuppressed: unit.keepSuppressed, timeoutMs };
      const result = pool ? await pool.run(task) : await runTask(task);
      // A timeout depends on the machine's load, not on the file: never remembered.
      if (cache && unit.key && !result.diagnostics.some((d) => d.code === 'timeout')) writes.push(cache.put(unit.key, result));
      return result;
    };
    // In this thread, one file at a time: interleaved analyses would thrash the per-tree node memos.
    const width = pool ? pool.threads * READ_AHEAD_PER_THREAD : 1;
    await inWindow(misses.length, width, async (m) => {
      const i = misses[m]!;
      const read = await source.read(i);
      if (!read.ok) return finish(i, { ok: false, diagnostic: read.diagnostic });
      const units = unitsOf(i, read.text);
      const results: FileAnalysis[] = [];
      // With two units (change review) one of them may have been a hit.
      for (const unit of units) results.push((units.length > 1 && unit.key ? await cache?.get(unit.key) : undefined) ?? await analyse(i, unit));
      finish(i, outcomeOf(read.text, results));
    });
  } finally {
    await pool?.close();
    await Promise.all(writes);
  }
  return { outcomes, stats: { jobs: pool?.threads ?? 1, analysed: misses.length, ...(cache ? { cache: cache.stats } : {}) } };
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
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
