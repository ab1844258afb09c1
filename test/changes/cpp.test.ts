// Change review, baselines and the review formats on C++: a defect a commit brings is reported as introduced and the
// commit that fixes it reports nothing; a C++ function's extent (for --context-findings and for a check deleted
// above a line git kept) comes from the C++ grammar, never from the Python one.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineOf, makeRepo, pillar, type Repo } from './helpers.js';

// One rule keeps the assertions about recursion whatever other C++ rules the suite grows; its confidence is low, so
// the threshold is named rather than left to the default.
const ONLY = ['--only', 'unbounded-recursion', '--min-confidence', 'low', '--no-progress', '--no-cache'];

// A gradient that follows its `href` link to the gradient it inherits stops from: the vulnerable version follows it
// with no depth limit (a document whose gradients link to each other in a cycle overflows the stack), the fixed one
// carries a depth.
const HEADER = `#include <QtCore/qstring.h>
#include "gradient_p.h"

QT_BEGIN_NAMESPACE

static int clampStops(int n)
{
    return n < 0 ? 0 : n;
}

`;
const VULN = `${HEADER}void Gradient::resolveStops()
{
    Gradient *link = m_document->gradientNamed(m_href);
    if (!link)
        return;
    link->resolveStops();
    m_stops = link->stops();
}

QT_END_NAMESPACE
`;
const FIXED = `${HEADER}void Gradient::resolveStops(int depth)
{
    Gradient *link = m_document->gradientNamed(m_href);
    if (!link || depth > MaxLinkDepth)
        return;
    link->resolveStops(depth + 1);
    m_stops = link->stops();
}

QT_END_NAMESPACE
`;
const CALL_LINE = lineOf(VULN, 'link->resolveStops();');

interface JsonFinding { ruleId: string; file: string; context?: boolean; range: { startLine: number } }

async function findings(dir: string, args: string[]): Promise<{ code: number; list: JsonFinding[] }> {
  const r = await pillar(dir, ['review', ...args, '--format', 'json', ...ONLY]);
  return { code: r.code, list: JSON.parse(r.out).findings as JsonFinding[] };
}

let repo: Repo;

beforeAll(() => {
  repo = makeRepo('cpp-change');
  repo.write('src/svg/gradient.cpp', FIXED);
  repo.commit('fixed version first');
  repo.write('src/svg/gradient.cpp', VULN);
  repo.commit('the defect comes in');
  repo.write('src/svg/gradient.cpp', FIXED);
  repo.commit('the defect is fixed');
});

describe('C++ change review', () => {
  it('reports the defect a commit introduces, at its line, and nothing for the commit that fixes it', async () => {
    const introduced = await findings(repo.dir, ['--diff', 'HEAD~2..HEAD~1']);
    expect(introduced.code).toBe(1);
    expect(introduced.list.map((f) => [f.ruleId, f.file, f.range.startLine])).toEqual([['unbounded-recursion', 'src/svg/gradient.cpp', CALL_LINE]]);
    const fixed = await findings(repo.dir, ['--diff', 'HEAD~1..HEAD']);
    expect(fixed).toEqual({ code: 0, list: [] });
  });

  it('reads a C++ patch from stdin', async () => {
    const patch = repo.git('diff', 'HEAD~1', 'HEAD', '-R');
    const r = await pillar(repo.dir, ['review', '--patch', '-', '--format', 'json', ...ONLY], patch);
    // The working tree holds the fixed file: the reversed patch's lines are there, but no longer recursive.
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.findings).toEqual([]);
    expect(out.stats).toMatchObject({ changeReview: true, files: 1 });
  });

  it('gives the same line in the sarif, html, zuul and gerrit formats', async () => {
    const range = ['--diff', 'HEAD~2..HEAD~1'];
    const sarif = JSON.parse((await pillar(repo.dir, ['review', ...range, '--format', 'sarif', ...ONLY])).out);
    const result = sarif.runs[0].results[0];
    expect(result).toMatchObject({ ruleId: 'unbounded-recursion', properties: { cwe: 'CWE-674', pillar: 'CWE-691' } });
    expect(result.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'src/svg/gradient.cpp' }, region: { startLine: CALL_LINE } });
    const zuul = JSON.parse((await pillar(repo.dir, ['review', ...range, '--format', 'zuul', ...ONLY])).out);
    expect(zuul.zuul.file_comments['src/svg/gradient.cpp'].map((c: { line: number }) => c.line)).toEqual([CALL_LINE]);
    const gerrit = JSON.parse((await pillar(repo.dir, ['review', ...range, '--format', 'gerrit', ...ONLY])).out);
    expect(gerrit.comments['src/svg/gradient.cpp'].map((c: { line: number }) => c.line)).toEqual([CALL_LINE]);
    const html = (await pillar(repo.dir, ['review', ...range, '--format', 'html', ...ONLY])).out;
    expect(html).toContain('unbounded-recursion');
    expect(html).toContain('src/svg/gradient.cpp');
  });

  it('shows a pre-existing finding of a changed C++ function with --context-findings', async () => {
    const c = makeRepo('cpp-context');
    c.write('gradient.cpp', VULN);
    c.commit('one');
    // A comment inside Gradient::resolveStops, three lines above the finding: the function changed, the line did not.
    const commented = VULN.replace('    if (!link)\n', '    // No link: the stops are our own.\n    if (!link)\n');
    c.write('gradient.cpp', commented);
    c.commit('comment');
    expect((await findings(c.dir, ['--diff', 'HEAD~1..HEAD'])).list).toEqual([]);
    const r = await findings(c.dir, ['--diff', 'HEAD~1..HEAD', '--context-findings']);
    expect(r.code).toBe(0);
    expect(r.list.map((f) => [f.context, f.range.startLine])).toEqual([[true, CALL_LINE + 1]]);
    // A change outside every function shows no context.
    c.write('gradient.cpp', commented.replace('QT_END_NAMESPACE', '// end\nQT_END_NAMESPACE'));
    c.commit('trailer');
    expect((await findings(c.dir, ['--diff', 'HEAD~1..HEAD', '--context-findings'])).list).toEqual([]);
  });

  it('reports the defect a change makes by deleting the check above a line git kept', async () => {
    const c = makeRepo('cpp-check-removed');
    const checked = 'int Font::scale(int size)\n{\n    if (m_unitsPerEm == 0)\n        return 0;\n    return size / m_unitsPerEm;\n}\n';
    c.write('font.cpp', checked);
    c.commit('one');
    // Only lines are removed: the division's line is unchanged, its function is what changed.
    c.write('font.cpp', checked.replace('    if (m_unitsPerEm == 0)\n        return 0;\n', ''));
    c.commit('two');
    expect(c.git('diff', '-U0', 'HEAD~1', 'HEAD')).toMatch(/^@@ -3,2 \+2,0 @@/m);
    const r = await pillar(c.dir, ['review', '--diff', 'HEAD~1..HEAD', '--format', 'json', '--only', 'division-by-unchecked-value', '--min-confidence', 'low', '--no-progress', '--no-cache']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.map((f: JsonFinding) => [f.ruleId, f.range.startLine])).toEqual([['division-by-unchecked-value', 3]]);
  });
});

describe('C++ baselines', () => {
  it('keeps hiding an accepted C++ finding after lines are inserted above it', async () => {
    const c = makeRepo('cpp-baseline');
    c.write('gradient.cpp', VULN);
    const include = ['--include', '**/*.cpp'];
    const written = await pillar(c.dir, ['review', '.', ...include, '--write-baseline', 'base.json', ...ONLY]);
    expect(written.code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(c.dir, 'base.json'), 'utf8'));
    expect(baseline.findings).toMatchObject([{ file: 'gradient.cpp', count: 1 }]);
    writeFileSync(join(c.dir, 'gradient.cpp'), VULN.replace('#include "gradient_p.h"\n', '#include "gradient_p.h"\n#include <QtCore/qlist.h>\n\n'));
    const r = await findings(c.dir, ['.', ...include, '--baseline', 'base.json']);
    expect(r).toEqual({ code: 0, list: [] });
    // A second copy of the defect is not covered by the one accepted.
    writeFileSync(join(c.dir, 'gradient.cpp'), `${VULN}\n${VULN.replace(/Gradient::/g, 'Pattern::').replace(/Gradient \*/g, 'Pattern *')}`);
    expect((await findings(c.dir, ['.', ...include, '--baseline', 'base.json'])).list).toHaveLength(1);
  });
});
