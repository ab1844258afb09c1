// The pool's last line of defence: a worker stuck past the limit is terminated, a crashing one reported, and the
// pool keeps serving the other files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/engine/pool.js';

const HANG = { filename: join(import.meta.dirname, 'workers', 'hang.mjs'), execArgv: [] };
const task = (path: string) => ({ path, text: '', ruleIds: [], keepSuppressed: false, timeoutMs: 100 });

describe('the worker pool', () => {
  it('terminates a worker that exceeds the limit and goes on with the next file', async () => {
    const pool = new WorkerPool(1, HANG, 200);
    try {
      await pool.warm();
      const start = performance.now();
      const stuck = await pool.run(task('stuck.py'));
      expect(performance.now() - start).toBeLessThan(5_000);
      expect(stuck.diagnostics.map((d) => [d.code, d.file])).toEqual([['timeout', 'stuck.py']]);
      expect(stuck.diagnostics[0]!.message).toMatch(/100 ms limit \(worker terminated\)/);
      expect(await pool.run(task('quick.py'))).toEqual({ findings: [], diagnostics: [], suppressed: 0 });
      const crashed = await pool.run(task('crash.py'));
      expect(crashed.diagnostics.map((d) => [d.code, d.message])).toEqual([['rule-error', 'not reviewed: the analysis failed: worker blew up']]);
    } finally {
      await pool.close();
    }
  });

  it('redoes a failed batch of small files file by file, so only the culprit gets a diagnostic', async () => {
    const pool = new WorkerPool(1, HANG, 200);
    try {
      await pool.warm();
      // Submitted in the same turn, the three travel as one batch, which this worker never finishes.
      const [quick, stuck, crashed] = await Promise.all([pool.run(task('quick.py')), pool.run(task('stuck.py')), pool.run(task('crash.py'))]);
      expect(quick).toEqual({ findings: [], diagnostics: [], suppressed: 0 });
      expect(stuck!.diagnostics.map((d) => [d.code, d.file])).toEqual([['timeout', 'stuck.py']]);
      expect(crashed!.diagnostics.map((d) => d.code)).toEqual(['rule-error']);
    } finally {
      await pool.close();
    }
  });
});
