// C/C++ project facts: a class declared in a header reaches the rules on the .cpp that defines its constructors, the
// declaration is resolved by include and by nearness, and a header edited under a warm cache never leaves the .cpp
// judged by its old declaration.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { analyzeCpp } from '../../src/engine/analyzeCpp.js';
import type { FileFacts } from '../../src/index/types.js';
import { ProjectFacts } from '../../src/index/project.js';
import { tempDir, writeTree } from '../engine/helpers.js';

const header = (init: string): string => [
  '#pragma once',
  'class Shell;',
  'class SurfacePrivate',
  '{',
  'public:',
  '    SurfacePrivate();',
  '    ~SurfacePrivate();',
  `    Shell *m_shell${init};`,
  '    int m_serial = 0;',
  '};',
  '',
].join('\n');

const SOURCE = [
  '#include "surface_p.h"',
  '',
  'SurfacePrivate::SurfacePrivate()',
  '{',
  '}',
  '',
  'SurfacePrivate::~SurfacePrivate()',
  '{',
  '    m_shell->forget(this);',
  '}',
  '',
].join('\n');

async function run(root: string, cacheDir: string, jobs = 1): Promise<{ lines: string[]; stats: RunStats }> {
  let stats: RunStats | undefined;
  const report = await review({ paths: [root], onlyRules: ['member-left-uninitialised'], jobs, cacheDir, onEngineStats: (s) => { stats = s; } });
  const lines = report.findings.map((f) => `${f.file.replace(/^.*\/src\//, 'src/')}:${f.range.startLine}:${f.confidence}`);
  return { lines, stats: stats! };
}

async function factsOf(files: Record<string, string>): Promise<ProjectFacts> {
  const all: FileFacts[] = [];
  for (const [path, text] of Object.entries(files)) all.push((await analyzeCpp(path, text, [], { keepSuppressed: false, phase: 'facts' })).split!.facts!);
  return new ProjectFacts(all);
}

describe('C/C++ class facts across files', () => {
  it('judges a constructor in a .cpp by the members its header declares', async () => {
    const root = writeTree({ 'src/surface_p.h': header(''), 'src/surface.cpp': SOURCE });
    expect((await run(root, tempDir('cache'))).lines).toEqual(['src/surface.cpp:3:medium']);
  });

  it('never serves a stale cross-file fact', async () => {
    const root = writeTree({ 'src/surface_p.h': header(''), 'src/surface.cpp': SOURCE });
    const cacheDir = tempDir('cache');
    const cold = await run(root, cacheDir);
    expect(cold.lines).toEqual(['src/surface.cpp:3:medium']);
    expect((await run(root, cacheDir)).stats.analysed).toBe(0);

    // Only the header changes: the unchanged .cpp's finding must go, and come back with the old header.
    writeFileSync(join(root, 'src/surface_p.h'), header(' = nullptr'));
    const fixed = await run(root, cacheDir);
    expect(fixed.lines).toEqual([]);
    expect(fixed.stats.analysed).toBe(1);
    writeFileSync(join(root, 'src/surface_p.h'), header(''));
    const back = await run(root, cacheDir);
    expect(back.lines).toEqual(cold.lines);
    expect(back.stats.analysed).toBe(0);
    expect((await run(root, tempDir('cache'), 2)).lines).toEqual(cold.lines);
  });

  it('prefers the included header, then the nearest copy, and gives no fact for an ambiguous name', async () => {
    const other = header('').replace('Shell *m_shell;', 'Shell *m_other;');
    const near = await factsOf({ 'a/src/surface.cpp': SOURCE, 'a/src/surface_p.h': header(''), 'b/src/surface_p.h': other });
    expect(near.sliceFor('a/src/surface.cpp').cppClasses?.SurfacePrivate?.file).toBe('a/src/surface_p.h');
    const included = await factsOf({ 'a/surface.cpp': SOURCE, 'a/x/surface_p.h': header(''), 'a/y/other_p.h': other });
    expect(included.sliceFor('a/surface.cpp').cppClasses?.SurfacePrivate?.file).toBe('a/x/surface_p.h');
    const ambiguous = await factsOf({ 'a/surface.cpp': SOURCE.replace('#include "surface_p.h"', ''), 'a/x/one.h': header(''), 'a/y/two.h': other });
    expect(ambiguous.sliceFor('a/surface.cpp').cppClasses).toBeUndefined();
  });

  it('leaves a class the .cpp declares itself, and one with nothing a constructor must set, out of the slice', async () => {
    const facts = await factsOf({ 'src/surface.cpp': SOURCE, 'src/surface_p.h': header(' = nullptr') });
    expect(facts.sliceFor('src/surface.cpp').cppClasses).toBeUndefined();
  });
});
