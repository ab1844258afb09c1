// The report is byte-identical whatever the number of worker threads and whether results came from the cache.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { review, type ReviewOptions } from '../../src/api.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { fixtureTree, tempDir } from './helpers.js';

let root: string;

beforeAll(() => {
  root = fixtureTree();
});

async function run(options: Partial<ReviewOptions>): Promise<{ json: string; stats: RunStats }> {
  let stats: RunStats | undefined;
  const report = await review({ paths: [root], keepSuppressed: true, ...options, onEngineStats: (s) => { stats = s; } });
  return { json: JSON.stringify(report), stats: stats! };
}

describe('parallel and cached runs', () => {
  it('gives the same bytes with 1 thread, 2 worker threads, a cold cache and a warm cache', async () => {
    const single = await run({ jobs: 1 });
    expect(single.stats.jobs).toBe(1);
    const report = JSON.parse(single.json) as { findings: unknown[]; stats: { files: number } };
    // The fixtures are a real workload: many files, many findings.
    expect(report.stats.files).toBeGreaterThan(50);
    expect(report.findings.length).toBeGreaterThan(100);

    const pooled = await run({ jobs: 2 });
    expect(pooled.stats.jobs).toBe(2);
    expect(pooled.json).toBe(single.json);

    const cacheDir = tempDir('cache');
    const cold = await run({ jobs: 2, cacheDir });
    expect(cold.stats.cache?.hits).toBe(0);
    expect(cold.json).toBe(single.json);
    const warm = await run({ jobs: 2, cacheDir });
    expect(warm.stats.analysed).toBe(0);
    // One hit per file, and one more per file whose project-aware rules ran again in phase 2 (its own entry).
    expect(warm.stats.project?.analysed).toBe(0);
    expect(warm.stats.cache?.hits).toBe(report.stats.files + (warm.stats.project?.files ?? 0));
    expect(warm.json).toBe(single.json);
    const warmSingle = await run({ jobs: 1, cacheDir });
    expect(warmSingle.json).toBe(single.json);
  });

  it('analyses little source in this thread unless threads are asked for', async () => {
    // The fixtures hold far less than MIN_BYTES_FOR_POOL: threads would start cold and not win it back.
    const auto = await run({});
    expect(auto.stats.jobs).toBe(1);
    expect(auto.json).toBe((await run({ jobs: 2 })).json);
  });

  it('re-analyses only the file whose content changed', async () => {
    const cacheDir = tempDir('cache');
    await run({ jobs: 1, cacheDir });
    const file = join(root, 'injection', 'subprocess-shell-true.fixture.py');
    const before = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, `${before}\nimport subprocess\nsubprocess.call(cmd, shell=True)\n`);
      const changed = await run({ jobs: 1, cacheDir });
      expect(changed.stats.analysed).toBe(1);
      const fresh = await run({ jobs: 1 });
      expect(changed.json).toBe(fresh.json);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('keeps separate entries for different rule selections', async () => {
    const cacheDir = tempDir('cache');
    const all = await run({ jobs: 1, cacheDir });
    const one = await run({ jobs: 1, cacheDir, onlyRules: ['subprocess-shell-true'] });
    expect(one.stats.cache?.hits).toBe(0);
    expect(JSON.parse(one.json).findings.every((f: { ruleId: string }) => f.ruleId === 'subprocess-shell-true')).toBe(true);
    const again = await run({ jobs: 1, cacheDir });
    expect(again.stats.analysed).toBe(0);
    expect(again.json).toBe(all.json);
  });
});
