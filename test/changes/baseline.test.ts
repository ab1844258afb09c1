// Baselines: written from a review, matched by fingerprint (not line), counted per copy, validated on load.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline, parseBaseline } from '../../src/findings/baseline.js';
import type { Finding } from '../../src/findings/types.js';
import { lineOf, makeRepo, pillar } from './helpers.js';

const ONLY_78 = ['--cwe', '78', '--no-progress'];

const SERVICE = `import subprocess


def restart(unit):
    subprocess.call("systemctl restart " + unit, shell=True)
`;

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'pillar-baseline-'));
}

describe('--write-baseline / --baseline', () => {
  it('keeps hiding a finding after lines are inserted above it', async () => {
    const d = dir();
    writeFileSync(join(d, 'svc.py'), SERVICE);
    const written = await pillar(d, ['review', '.', '--write-baseline', 'base.json', ...ONLY_78]);
    // Writing the baseline is what was asked: its findings are accepted, so the run succeeds (issue 18).
    expect(written.code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(d, 'base.json'), 'utf8'));
    expect(baseline.pillarBaseline).toBe(1);
    expect(baseline.findings.length).toBeGreaterThan(0);
    expect(baseline.findings[0]).toMatchObject({ file: 'svc.py', count: 1 });

    writeFileSync(join(d, 'svc.py'), SERVICE.replace('import subprocess\n', 'import subprocess\nimport logging\n\nLOG = logging.getLogger(__name__)\n'));
    const r = await pillar(d, ['review', '.', '--baseline', 'base.json', '--format', 'json', ...ONLY_78]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.findings).toEqual([]);
    expect(report.stats.baselined).toBe(baseline.findings.reduce((n: number, e: { count: number }) => n + e.count, 0));
    // Hidden findings are said, not passed off as a clean review.
    const text = await pillar(d, ['review', '.', '--baseline', 'base.json', ...ONLY_78]);
    expect(text.out).toContain(`${report.stats.baselined} finding${report.stats.baselined === 1 ? '' : 's'} hidden by the baseline`);
    expect(text.out).not.toContain('No security defects are detected in the code.');
  });

  it('counts identical copies: two accepted, three present → one reported, the later one', async () => {
    const two = `import subprocess\n\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n    subprocess.call(cmd, shell=True)\n`;
    const d = dir();
    writeFileSync(join(d, 'dup.py'), two);
    await pillar(d, ['review', '.', '--write-baseline', 'base.json', '--cwe', '78', '--no-progress']);
    const entry = JSON.parse(readFileSync(join(d, 'base.json'), 'utf8')).findings.find((e: { ruleId: string }) => e.ruleId === 'subprocess-shell-true');
    expect(entry.count).toBe(2);

    const three = `${two}    subprocess.call(cmd, shell=True)\n`;
    writeFileSync(join(d, 'dup.py'), three);
    const r = await pillar(d, ['review', '.', '--baseline', 'base.json', '--format', 'json', ...ONLY_78]);
    expect(r.code).toBe(1);
    const shellTrue = JSON.parse(r.out).findings.filter((f: { ruleId: string }) => f.ruleId === 'subprocess-shell-true');
    expect(shellTrue.map((f: { range: { startLine: number } }) => f.range.startLine)).toEqual([lineOf(three, 'subprocess.call', 3)]);

    writeFileSync(join(d, 'dup.py'), `import subprocess\n\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n`);
    const fewer = await pillar(d, ['review', '.', '--baseline', 'base.json', '--format', 'json', ...ONLY_78]);
    expect(JSON.parse(fewer.out).findings).toEqual([]);
  });

  it('reports the copy the change added when a change review meets a baseline', async () => {
    const repo = makeRepo('baseline-diff');
    const one = `import subprocess\n\n\ndef run(cmd):\n    cmd = cmd.strip()\n    subprocess.call(cmd, shell=True)\n`;
    repo.write('m.py', one);
    repo.commit('one');
    const baseFile = join(dir(), 'base.json');
    await pillar(repo.dir, ['review', '.', '--write-baseline', baseFile, ...ONLY_78]);
    // git matches `cmd = cmd.strip()` and the old call, so the *first* call (line 5) is the addition: the copy a
    // plain earliest-first baseline would wrongly spend its accepted copy on.
    repo.write('m.py', one.replace('def run(cmd):\n', 'def run(cmd):\n    subprocess.call(cmd, shell=True)\n'));
    repo.commit('two');
    const r = await pillar(repo.dir, ['review', '--diff', 'HEAD~1..HEAD', '--baseline', baseFile, '--format', 'json', ...ONLY_78]);
    expect(r.code).toBe(1);
    expect(repo.git('diff', '-U0', 'HEAD~1', 'HEAD')).toMatch(/^@@ -4,0 \+5 @@/m);
    const lines = JSON.parse(r.out).findings.map((f: { range: { startLine: number } }) => f.range.startLine);
    expect(new Set(lines)).toEqual(new Set([5]));
  });

  it('rejects a baseline that is not one, naming the file, with exit code 2', async () => {
    const d = dir();
    writeFileSync(join(d, 'svc.py'), SERVICE);
    writeFileSync(join(d, 'bad.json'), '{"pillarBaseline": 1, "findings": [{"file": "svc.py", "count": 0}]}');
    writeFileSync(join(d, 'future.json'), '{"pillarBaseline": 7, "findings": []}');
    writeFileSync(join(d, 'text.json'), 'not json');
    const bad = await pillar(d, ['review', '.', '--baseline', 'bad.json', ...ONLY_78]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/invalid baseline bad\.json/);
    expect(bad.err).toMatch(/findings\.0: must have required property 'ruleId'/);
    expect(bad.err).toMatch(/findings\.0\.count: must be >= 1/);
    const future = await pillar(d, ['review', '.', '--baseline', 'future.json', ...ONLY_78]);
    expect([future.code, future.err]).toEqual([2, expect.stringMatching(/format 7; this pillar reads format 1/)]);
    const text = await pillar(d, ['review', '.', '--baseline', 'text.json', ...ONLY_78]);
    expect([text.code, text.err]).toEqual([2, expect.stringMatching(/baseline text\.json is not JSON/)]);
    const missing = await pillar(d, ['review', '.', '--baseline', 'nope.json', ...ONLY_78]);
    expect([missing.code, missing.err]).toEqual([2, expect.stringMatching(/cannot read baseline nope\.json/)]);
  });
});

describe('applyBaseline', () => {
  const finding = (line: number, fingerprint: string, file = 'a.py'): Finding => ({
    ruleId: 'r', cwe: 78, pillar: 707, severity: 'high', confidence: 'high', file, message: 'm', remediation: 'f',
    range: { startLine: line, startColumn: 1, endLine: line, endColumn: 5 }, fingerprint, snippet: '',
  });
  const fp = (c: string): string => c.repeat(32);

  it('matches per file and fingerprint, leaves suppressed findings alone, and round-trips through JSON', () => {
    const base = parseBaseline(JSON.stringify(createBaseline([finding(1, fp('a')), finding(9, fp('a')), finding(3, fp('b'), 'b.py')], 'test')), 'b.json');
    expect(base.findings.map((e) => [e.file, e.count])).toEqual([['a.py', 2], ['b.py', 1]]);
    const now = [finding(2, fp('a')), finding(4, fp('a')), finding(6, fp('a')), finding(3, fp('b'), 'other.py'), { ...finding(8, fp('b'), 'b.py'), suppressed: true }];
    const { kept, hidden } = applyBaseline(now, base);
    expect(hidden).toBe(2);
    expect(kept.map((f) => [f.file, f.range.startLine])).toEqual([['a.py', 6], ['other.py', 3], ['b.py', 8]]);
  });

  it('reports the preferred copy first', () => {
    const base = createBaseline([finding(1, fp('c'))], 'test');
    const { kept } = applyBaseline([finding(1, fp('c')), finding(5, fp('c'))], base, { preferReported: (f) => f.range.startLine === 1 });
    expect(kept.map((f) => f.range.startLine)).toEqual([1]);
  });
});
