// Phase 2 re-runs the project-aware rules on the files whose slice of the project facts is not empty. A large file's
// phase-1 tree is kept for it in the thread that parsed it (engine/keptTrees.ts): phase 2 must then give what a
// fresh parse gives, with one thread and with two, and must not parse the file again.
import { afterEach, describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { resetTimingSwitch, TIMING_ENV } from '../../src/engine/timing.js';
import { parsePython } from '../../src/languages/python/parser.js';
import { keepTree, takeTree } from '../../src/engine/keptTrees.js';
import { maskingProject, tempDir, writeTree } from './helpers.js';

/** Harmless functions: a large file, as phase 2 mostly takes. */
const padding = Array.from({ length: 700 }, (_, n) => `\n\ndef pad_${n}(value):\n    return value + ${n}\n`).join('');

const FILES: Record<string, string> = {
  ...maskingProject(padding),
  // Enough files for two worker threads (MIN_FILES_FOR_POOL).
  ...Object.fromEntries(Array.from({ length: 8 }, (_, n) => [`app/other_${n}.py`, `def other_${n}(x):\n    return x\n`])),
};

afterEach(() => {
  delete process.env[TIMING_ENV];
  resetTimingSwitch();
});

async function run(root: string, jobs: number): Promise<{ lines: string[]; stats: RunStats }> {
  let stats: RunStats | undefined;
  const report = await review({ paths: [root], onlyRules: ['secret-in-log'], jobs, onEngineStats: (s) => { stats = s; } });
  return { lines: report.findings.map((f) => `${f.file.replace(/^.*app\//, 'app/')}:${f.range.startLine}:${f.ruleId}`), stats: stats! };
}

describe('trees kept from phase 1 for phase 2', () => {
  it('give the findings of a fresh parse, in this thread and in worker threads, without parsing again', async () => {
    process.env[TIMING_ENV] = '1';
    resetTimingSwitch();
    const root = writeTree(FILES);
    for (const jobs of [1, 2]) {
      const { lines, stats } = await run(root, jobs);
      expect(stats.jobs).toBe(jobs);
      // Only the slice (scrub() masks) silences line 9: phase 2 ran on worker.py, from its kept tree.
      expect(lines).toEqual(['app/worker.py:13:secret-in-log']);
      expect(stats.project?.analysed).toBe(1);
      expect(stats.timing?.['stage:phase-2 kept tree']?.calls).toBe(1);
      expect(stats.timing?.['stage:phase-2 parse']).toBeUndefined();
    }
    // With a cache the same holds for the cold run; the warm one analyses nothing.
    const cacheDir = tempDir('cache');
    let stats: RunStats | undefined;
    const cold = await review({ paths: [root], onlyRules: ['secret-in-log'], jobs: 2, cacheDir, onEngineStats: (s) => { stats = s; } });
    expect(stats?.timing?.['stage:phase-2 kept tree']?.calls).toBe(1);
    const warm = await review({ paths: [root], onlyRules: ['secret-in-log'], jobs: 2, cacheDir });
    expect(JSON.stringify(warm.findings)).toBe(JSON.stringify(cold.findings));
  });

  it('hands a kept tree out once, and only for the text it was parsed from', async () => {
    const tree = await parsePython('x = 1\n');
    keepTree('t:1', tree);
    expect(takeTree('t:1', 'x = 2\n')).toBeUndefined();
    expect(takeTree('t:1', 'x = 1\n')).toBeUndefined();
    keepTree('t:2', tree);
    const again = takeTree('t:2', 'x = 1\n')!;
    // A new tree over the same arrays: no node object is shared with phase 1.
    expect(again).not.toBe(tree);
    expect(again.data).toBe(tree.data);
    expect(again.rootNode).not.toBe(tree.rootNode);
    expect(again.rootNode.text).toBe('x = 1\n');
    expect(takeTree('t:2', 'x = 1\n')).toBeUndefined();
  });
});
