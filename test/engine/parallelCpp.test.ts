// A C/C++ tree gives byte-identical reports whatever the number of worker threads and whether results came from the
// cache: the C++ front-end (preprocessing, parser per thread, diagnostics) is as deterministic as the Python one.
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { review, type ReviewOptions } from '../../src/api.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { tempDir } from './helpers.js';

const CPP_RULES = join(import.meta.dirname, '..', '..', 'src', 'rules', 'cpp');
// A header with an `#if` group (a preprocessor-skipped diagnostic) and a macro the parser cannot read (a syntax
// error diagnostic): the diagnostics must be as stable as the findings.
const HEADER = '#pragma once\n#if defined(Q_OS_WIN)\nint platform();\n#else\nlong platform();\n#endif\nclass A { UNKNOWN_MACRO(x y z) int f(); };\n';

let root: string;

function cppFixtures(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) cppFixtures(full, out);
    else if (name.endsWith('.fixture.cpp')) out.push(full);
  }
  return out;
}

beforeAll(() => {
  root = tempDir('cpp-fixtures');
  for (const file of cppFixtures(CPP_RULES)) {
    const target = join(root, relative(CPP_RULES, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  writeFileSync(join(root, 'platform.h'), HEADER);
});

async function run(options: Partial<ReviewOptions>): Promise<{ json: string; stats: RunStats }> {
  let stats: RunStats | undefined;
  const report = await review({
    // Every C++ rule's findings, low-confidence ones included, whatever the default threshold.
    paths: [root], include: ['**/*.cpp', '**/*.h'], keepSuppressed: true, minConfidence: 'low', ...options, onEngineStats: (s) => { stats = s; },
  });
  return { json: JSON.stringify(report), stats: stats! };
}

describe('parallel and cached runs on C++', () => {
  it('gives the same bytes with 1 thread, 2 worker threads, a cold cache and a warm cache', async () => {
    const single = await run({ jobs: 1 });
    const report = JSON.parse(single.json) as { findings: Array<{ ruleId: string }>; diagnostics: Array<{ code: string }>; stats: { files: number } };
    expect(report.stats.files).toBe(cppFixtures(CPP_RULES).length + 1);
    expect(new Set(report.findings.map((f) => f.ruleId)).size).toBeGreaterThan(10);
    expect(report.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['preprocessor-skipped', 'syntax-error']));

    const pooled = await run({ jobs: 2 });
    expect(pooled.stats.jobs).toBe(2);
    expect(pooled.json).toBe(single.json);
    const cacheDir = tempDir('cpp-cache');
    const cold = await run({ jobs: 2, cacheDir });
    expect(cold.stats.cache?.hits).toBe(0);
    expect(cold.json).toBe(single.json);
    const warm = await run({ jobs: 2, cacheDir });
    expect(warm.stats.analysed).toBe(0);
    expect(warm.json).toBe(single.json);
    expect((await run({ jobs: 1, cacheDir })).json).toBe(single.json);
  });

  it('re-analyses only the C++ file whose content changed, as a fresh run would', async () => {
    const cacheDir = tempDir('cpp-cache');
    await run({ jobs: 1, cacheDir });
    const file = join(root, 'platform.h');
    writeFileSync(file, `${readFileSync(file, 'utf8')}void walk(Node *n) { if (n) walk(n->next); }\n`);
    try {
      const changed = await run({ jobs: 1, cacheDir });
      expect(changed.stats.analysed).toBe(1);
      expect(changed.json).toBe((await run({ jobs: 1 })).json);
    } finally {
      writeFileSync(file, HEADER);
    }
  });
});
