// The pool's last line of defence: a worker stuck past the limit is terminated, a crashing one reported, and the
// pool keeps serving the other files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/engine/pool.js';

const HANG = { filename: join(import.meta.dirname, 'workers', 'hang.mjs'), execArgv: [] };
const SLEEP = { filename: join(import.meta.dirname, 'workers', 'sleep.mjs'), execArgv: [] };
const task = (path: string) => ({ path, text: '', ruleIds: [], keepSuppressed: false, timeoutMs: 100 });

/** One warmed thread of `worker` with a kill grace of `graceMs`, closed whatever the test does. */
async function withPool(worker: typeof HANG, graceMs: number, test: (pool: WorkerPool) => Promise<void>): Promise<void> {
  const pool = new WorkerPool(1, worker, graceMs);
  try {
    await pool.warm();
    await test(pool);
  } finally {
    await pool.close();
  }
}

describe('the worker pool', () => {
  it('terminates a worker that exceeds the limit and goes on with the next file', async () => {
    await withPool(HANG, 200, async (pool) => {
      const start = performance.now();
      const stuck = await pool.run(task('stuck.py'));
      expect(performance.now() - start).toBeLessThan(5_000);
      expect(stuck.diagnostics.map((d) => [d.code, d.file])).toEqual([['timeout', 'stuck.py']]);
      expect(stuck.diagnostics[0]!.message).toMatch(/100 ms limit \(worker terminated\)/);
      expect(await pool.run(task('quick.py'))).toEqual({ findings: [], diagnostics: [], suppressed: 0 });
      const crashed = await pool.run(task('crash.py'));
      expect(crashed.diagnostics.map((d) => [d.code, d.message])).toEqual([['rule-error', 'not reviewed: the analysis failed: worker blew up']]);
    });
  });

  it('redoes a failed batch of small files file by file, so only the culprit gets a diagnostic', async () => {
    await withPool(HANG, 200, async (pool) => {
      // Submitted in the same turn, the three travel as one batch, which this worker never finishes.
      const [quick, stuck, crashed] = await Promise.all([pool.run(task('quick.py')), pool.run(task('stuck.py')), pool.run(task('crash.py'))]);
      expect(quick).toEqual({ findings: [], diagnostics: [], suppressed: 0 });
      expect(stuck!.diagnostics.map((d) => [d.code, d.file])).toEqual([['timeout', 'stuck.py']]);
      expect(crashed!.diagnostics.map((d) => d.code)).toEqual(['rule-error']);
    });
  });

  it('counts the limit from when a worker starts a file, not from when it was queued', async () => {
    // One thread, files of 250 ms each under a 300 ms limit (+100 ms grace): the fourth waits ~750 ms for the thread,
    // which must not count against it. Files over the batch size travel alone; small ones in one batch.
    await withPool(SLEEP, 100, async (pool) => {
      const big = (path: string) => ({ ...task(path), text: ' '.repeat(20_000), timeoutMs: 300 });
      const alone = await Promise.all(['a.py', 'b.py', 'c.py', 'd.py'].map((p) => pool.run(big(p))));
      expect(alone.flatMap((r) => r.diagnostics)).toEqual([]);
      const batched = await Promise.all(['e.py', 'f.py', 'g.py', 'h.py'].map((p) => pool.run({ ...task(p), timeoutMs: 300 })));
      expect(batched.flatMap((r) => r.diagnostics)).toEqual([]);
    });
  });
});
