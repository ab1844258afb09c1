// The worker-thread pool (piscina) that analyses files in parallel, with a hard per-file time limit: a worker still
// busy past the limit plus a grace period is terminated and its file becomes a `timeout` diagnostic.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { lazyRequire } from '../lazyRequire.js';
import type { FileAnalysis } from './analyzePython.js';
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

export class WorkerPool {
  private readonly piscina: Piscina;

  constructor(
    readonly threads: number,
    worker: { filename: string; execArgv: string[] },
    private readonly killGraceMs = KILL_GRACE_MS,
    heapMb: number | null = WORKER_HEAP_MB,
  ) {
    const { Piscina: Pool } = piscina();
    this.piscina = new Pool({
      filename: worker.filename, execArgv: worker.execArgv, minThreads: threads, maxThreads: threads,
      // Workers live for the whole run; close() ends them.
      idleTimeout: Number.MAX_SAFE_INTEGER,
      // Without a limit V8 lets each thread's heap grow far past its live data before collecting; the limit keeps
      // the run's peak memory near 500 MB, and the rare file that needs more is redone in the main thread.
      ...(heapMb !== null ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}),
    });
  }

  /** Loads the grammar in every thread before the first timed file. */
  async warm(): Promise<void> {
    await Promise.all(Array.from({ length: this.threads }, () => this.piscina.run(null, { name: 'warm' })));
  }

  /**
   * Runs one task; never rejects: a killed or crashed worker becomes a diagnostic for that file, and a file whose
   * analysis outgrew a worker's heap is analysed again in this thread, which has no such limit.
   */
  async run(task: AnalyzeTask): Promise<FileAnalysis> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), task.timeoutMs + this.killGraceMs);
    try {
      return (await this.piscina.run(task, { signal: abort.signal })) as FileAnalysis;
    } catch (error) {
      if (abort.signal.aborted) {
        return { findings: [], diagnostics: [timeoutDiagnostic(task.path, task.timeoutMs, 'worker terminated')], suppressed: 0 };
      }
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return runTask(task);
      return failedResult(task.path, error, task.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
