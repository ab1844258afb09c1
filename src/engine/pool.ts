// The worker-thread pool (piscina) that analyses files in parallel, with a hard per-file time limit: a worker still
// busy with a file past the limit plus a grace period (counted from when the worker started that file) is terminated
// and the file becomes a `timeout` diagnostic.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { lazyRequire } from '../lazyRequire.js';
import type { FileAnalysis } from './analyzePython.js';
import { StartClock, type StartCell } from './startClock.js';
import { failedResult, runTask, timeoutDiagnostic, type AnalyzeTask } from './task.js';

const piscina = lazyRequire<typeof import('piscina')>('piscina');

/**
 * Extra time before a worker is killed: the worker stops itself at the limit between visits (see analyzePython),
 * so the kill only catches a single visitor that never returns; the grace also absorbs thread start-up.
 */
const KILL_GRACE_MS = 5_000;

/**
 * The worker module next to this one: `worker.js` in a build, `worker.ts` when pillar runs from its TypeScript
 * sources (vitest, tsx), which a worker can load through tsx's loader. Null when neither can be used.
 */
export function defaultWorker(): { filename: string; execArgv: string[] } | null {
  const js = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(js)) return { filename: js, execArgv: [] };
  const ts = fileURLToPath(new URL('./worker.ts', import.meta.url));
  if (existsSync(ts)) return { filename: ts, execArgv: ['--import', 'tsx'] };
  return null;
}

/** Old-generation heap per worker: the largest nova module (1.5 MB of tests) fits; 128 MB does not. */
const WORKER_HEAP_MB = 192;

/**
 * Small files travel to the workers in batches: on a tree of small files the messaging of one task per file cost
 * more than the analyses (100,000 one-function files: two threads slower than one). Files above this size go alone.
 */
const BATCH_FILE_CHARS = 16 * 1024;
const BATCH_MAX_FILES = 32;
const BATCH_MAX_CHARS = 128 * 1024;

/**
 * What a worker is asked to do: one file, or several small ones analysed one after another; `start` is where it
 * writes when it starts each file (see startClock.ts).
 */
export type WorkerInput = (AnalyzeTask | { batch: AnalyzeTask[] }) & { start?: StartCell };

/** Tasks in flight at once never come near this (the engine reads a few files ahead per thread). */
const START_CELLS = 1024;

interface Waiting { task: AnalyzeTask; resolve(ran: Ran): void }

/** A call waiting for a thread: `lane` set when it must run on that thread (a tree kept there, a broadcast). */
interface Job { input: WorkerInput | null; name?: string; lane?: number; signal?: AbortSignal; resolve(r: { value: unknown; lane: number }): void; reject(e: unknown): void }

/** A worker's result and the thread (lane) that computed it: a tree kept for phase 2 stays in that thread. */
export interface Ran { result: FileAnalysis; lane: number }

export class WorkerPool {
  /**
   * One single-thread piscina per thread, fed from one queue here: a task can then be sent to the thread that kept
   * its file's tree in phase 1 (engine/keptTrees.ts), which one multi-thread piscina cannot do.
   */
  private readonly lanes: Array<{ piscina: Piscina; busy: boolean }>;
  private readonly queue: Job[] = [];
  private readonly clock = new StartClock(START_CELLS);
  private waiting: Waiting[] = [];
  private waitingChars = 0;
  private flushScheduled = false;
  /** Whether any file was analysed (then the code the analyses need has been compiled). */
  private ran = false;

  constructor(
    readonly threads: number,
    worker: { filename: string; execArgv: string[] },
    private readonly killGraceMs = KILL_GRACE_MS,
    heapMb: number | null = WORKER_HEAP_MB,
  ) {
    const { Piscina: Pool } = piscina();
    this.lanes = Array.from({ length: threads }, () => ({
      piscina: new Pool({
        filename: worker.filename, execArgv: worker.execArgv, minThreads: 1, maxThreads: 1,
        // Workers live for the whole run; close() ends them.
        idleTimeout: Number.MAX_SAFE_INTEGER,
        // Without a limit V8 lets each thread's heap grow far past its live data before collecting; the limit keeps
        // the run's peak memory near 500 MB, and the rare file that needs more is redone in the main thread.
        ...(heapMb !== null ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}),
      }),
      busy: false,
    }));
  }

  /** Loads the grammar in every thread before the first timed file. */
  async warm(): Promise<void> {
    await Promise.all(this.lanes.map((_, lane) => this.call(null, { name: 'warm', lane })));
  }

  /**
   * Runs `input` on a thread: on `lane` when given, else on the first one free. A thread takes one call at a time,
   * the oldest it may run, as a multi-thread piscina's own queue would.
   */
  private call(input: WorkerInput | null, options: { name?: string; lane?: number; signal?: AbortSignal } = {}): Promise<{ value: unknown; lane: number }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, ...options, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    this.lanes.forEach((lane, index) => {
      if (lane.busy) return;
      const at = this.queue.findIndex((j) => j.lane === undefined || j.lane === index);
      if (at < 0) return;
      const job = this.queue.splice(at, 1)[0]!;
      lane.busy = true;
      lane.piscina.run(job.input, { ...(job.name ? { name: job.name } : {}), ...(job.signal ? { signal: job.signal } : {}) })
        .then((value) => job.resolve({ value, lane: index }), job.reject)
        .finally(() => {
          lane.busy = false;
          this.pump();
        });
    });
  }

  /**
   * Runs one task; never rejects. Small files are gathered into a batch with the others submitted in the same turn
   * of the event loop; a batch that fails in any way (a killed, crashed or out-of-memory worker) is redone file by
   * file, so only the file that caused it gets a diagnostic.
   */
  async run(task: AnalyzeTask): Promise<FileAnalysis> {
    return (await this.runOn(task)).result;
  }

  /** run(), answering which thread ran the task too; `lane`: the thread it must run on (never batched then). */
  runOn(task: AnalyzeTask, lane?: number): Promise<Ran> {
    this.ran = true;
    if (task.text.length > BATCH_FILE_CHARS || lane !== undefined) return this.runOne(task, lane);
    return new Promise((resolve) => {
      this.waiting.push({ task, resolve });
      this.waitingChars += task.text.length;
      if (this.waiting.length >= BATCH_MAX_FILES || this.waitingChars >= BATCH_MAX_CHARS) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.waitingChars = 0;
    if (batch.length === 1) void this.runOne(batch[0]!.task).then(batch[0]!.resolve);
    else if (batch.length > 1) void this.runBatch(batch);
  }

  private async runBatch(batch: Waiting[]): Promise<void> {
    const abort = new AbortController();
    // Per-file limits still hold inside the worker; the kill only catches a visitor that never returns. The worker
    // marks the start of each file of the batch, so the kill counts from the current file's start.
    const start = this.clock.take();
    const stop = this.watch(start, batch[0]!.task.timeoutMs + this.killGraceMs, abort);
    let results: FileAnalysis[] | undefined;
    let lane = 0;
    try {
      const ran = await this.call({ batch: batch.map((w) => w.task), start } satisfies WorkerInput, { signal: abort.signal });
      results = ran.value as FileAnalysis[];
      lane = ran.lane;
    } catch {
      results = undefined;
    } finally {
      stop();
      this.clock.give(start);
    }
    if (results && results.length === batch.length) batch.forEach((w, i) => w.resolve({ result: results[i]!, lane }));
    else await Promise.all(batch.map(async (w) => w.resolve(await this.runOne(w.task))));
  }

  /**
   * Runs one task on its own; never rejects: a killed or crashed worker becomes a diagnostic for that file, and a
   * file whose analysis outgrew a worker's heap is analysed again in this thread, which has no such limit.
   */
  private async runOne(task: AnalyzeTask, lane?: number): Promise<Ran> {
    const abort = new AbortController();
    const start = this.clock.take();
    const stop = this.watch(start, task.timeoutMs + this.killGraceMs, abort);
    // A failed call's answer: no tree was kept by it (the thread may be gone), so it names no lane worth keeping.
    const failed = (result: FileAnalysis): Ran => ({ result, lane: -1 });
    try {
      const ran = await this.call({ ...task, start } satisfies WorkerInput, { signal: abort.signal, ...(lane !== undefined && lane >= 0 ? { lane } : {}) });
      return { result: ran.value as FileAnalysis, lane: ran.lane };
    } catch (error) {
      if (abort.signal.aborted) {
        return failed({ findings: [], diagnostics: [timeoutDiagnostic(task.path, task.timeoutMs, 'worker terminated')], suppressed: 0 });
      }
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const { keep: _keep, reuse: _reuse, ...plain } = task;
        return failed(await runTask(plain));
      }
      return failed(failedResult(task.path, error, task.timeoutMs));
    } finally {
      stop();
      this.clock.give(start);
    }
  }

  /**
   * Aborts a task once its current file has run for `limitMs`, counted from when a worker started that file (from
   * submission when no start cell was free); a task still queued is looked at again a grace period later. Answers
   * the function that stops watching.
   */
  private watch(start: StartCell | undefined, limitMs: number, abort: AbortController): () => void {
    const submitted = Date.now();
    let timer: NodeJS.Timeout;
    const check = (): void => {
      const startedAt = start ? this.clock.startedAt(start) : submitted;
      if (startedAt === undefined) {
        timer = setTimeout(check, this.killGraceMs);
        return;
      }
      const left = startedAt + limitMs - Date.now();
      if (left <= 0) abort.abort();
      else timer = setTimeout(check, left);
    };
    timer = setTimeout(check, limitMs);
    return () => clearTimeout(timer);
  }

  async close(): Promise<void> {
    // The bundled worker keeps a V8 code cache (engine/workerLoader.ts): one thread writes it after a run that
    // analysed files, if it started without a usable one. Workers run from the per-module build have no such task.
    if (this.ran) await this.call(null, { name: 'saveCodeCache', lane: 0 }).catch(() => undefined);
    await Promise.all(this.lanes.map((l) => l.piscina.destroy()));
  }
}
