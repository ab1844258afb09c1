// The `pillar` command in-process: outputs, exit codes and error messages.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, type Run } from '../harness/cli.js';
import { allRules } from '../../src/rulekit/registry.js';
import { cweName, pillarOf } from '../../src/taxonomy/index.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pillar-cli-'));
  writeFileSync(join(root, 'bad.py'), 'import subprocess\nsubprocess.call(cmd, shell=True)\n');
  writeFileSync(join(root, 'clean.py'), 'print("hello")\n');
});

afterEach(() => vi.restoreAllMocks());

const run = (...argv: string[]): Promise<Run> => runCli(argv);

describe('pillar review', () => {
  it('exits 0 and prints the no-defects sentence on clean code', async () => {
    const r = await run('review', join(root, 'clean.py'), '--no-progress');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^No security defects are detected in the code\.\n/);
  });

  it('exits 1 on findings', async () => {
    const r = await run('review', join(root, 'bad.py'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('subprocess-shell-true');
  });

  it('filters by pillar and by CWE', async () => {
    expect((await run('review', join(root, 'bad.py'), '--pillars', '284')).code).toBe(0);
    expect((await run('review', join(root, 'bad.py'), '--pillars', '707')).code).toBe(1);
    expect((await run('review', join(root, 'bad.py'), '--cwe', '74')).code).toBe(1);
    expect((await run('review', join(root, 'bad.py'), '--cwe', '639')).code).toBe(0);
  });

  it('applies thresholds and disabled rules', async () => {
    expect((await run('review', join(root, 'bad.py'), '--min-severity', 'critical')).code).toBe(0);
    expect((await run('review', join(root, 'bad.py'), '--only', 'subprocess-shell-true,import-subprocess', '--disable', 'subprocess-shell-true,import-subprocess')).code).toBe(0);
    expect((await run('review', join(root, 'bad.py'), '--only', 'subprocess-shell-true')).code).toBe(1);
    expect((await run('review', join(root, 'bad.py'), '--only', 'subprocess-shell-true', '--pillars', '284')).code).toBe(0);
  });

  it('writes --output files in every format', async () => {
    for (const format of ['json', 'sarif', 'markdown', 'text']) {
      const file = join(root, `out.${format}`);
      const r = await run('review', join(root, 'bad.py'), '--format', format, '--output', file);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(readFileSync(file, 'utf8')).toContain('subprocess-shell-true');
    }
  });

  it.each([
    [['--pillars', '78'], /78 is not a CWE-1000 pillar/],
    [['--cwe', '123456'], /CWE-123456 does not exist/],
    [['--min-severity', 'huge'], /--min-severity must be one of/],
    [['--disable', 'no-such-rule'], /unknown rule 'no-such-rule'/],
    [['--only', 'no-such-rule'], /unknown rule 'no-such-rule' in --only/],
    [['--max-file-size', '-3'], /--max-file-size takes a positive number/],
  ])('exits 2 with a clear message for %j', async (flags, message) => {
    const r = await run('review', join(root, 'bad.py'), ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('exits 2 on an unknown format or option and on an invalid config', async () => {
    expect((await run('review', '--format', 'pdf', root)).code).toBe(2);
    expect((await run('review', '--bogus', root)).code).toBe(2);
    const cfg = join(root, 'bad-config.yml');
    writeFileSync(cfg, 'pillars: [999]\n');
    const r = await run('review', join(root, 'bad.py'), '--config', cfg);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/999 is not a CWE-1000 pillar/);
  });
});

describe('pillar rules / explain', () => {
  it('lists rules with CWE, pillar and severity', async () => {
    const r = await run('rules');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/subprocess-shell-true\s+CWE-78\s+pillar CWE-707 Improper Neutralization\s+high\s+high\s+default\s+B602/);
    // A Bandit-style notice shows its profile, so a reader knows why the default report never has it.
    expect(r.out).toMatch(/import-subprocess\s+CWE-78\s+pillar CWE-707 Improper Neutralization\s+low\s+high\s+bandit\s+B404/);
    const json = JSON.parse((await run('rules', '--json')).out);
    expect(json.find((x: { id: string }) => x.id === 'subprocess-shell-true')).toMatchObject({ cwe: 78, pillar: 707, bandit: 'B602', profile: 'default' });
    expect(json.find((x: { id: string }) => x.id === 'assert-used')).toMatchObject({ profile: 'bandit' });
  });

  it('explains a rule and rejects an unknown one', async () => {
    const r = await run('explain', 'subprocess-shell-true');
    expect(r.out).toMatch(/^# subprocess-shell-true\n/);
    expect(r.out).toContain('## Why is this a defect?');
    const bad = await run('explain', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown rule 'nope'/);
  });

  it('lists every pillar name in full, never cut mid-word (issue 18)', async () => {
    const r = await run('rules');
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(allRules().length);
    for (const rule of allRules()) {
      const line = lines.find((l) => l.startsWith(`${rule.meta.id} `))!;
      const pillar = pillarOf(rule.meta.cwe)!;
      expect(line).toContain(`pillar CWE-${pillar} ${cweName(pillar)} `);
    }
  });

  it('explains the rules that mirror a Bandit test, and the rules of a CWE', async () => {
    const r = await run('explain', 'B602');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# subprocess-shell-true\n/m);
    expect(r.out).toContain('| Bandit | B602 |');
    expect((await run('explain', 'b602')).out).toBe(r.out);
    const cwe = await run('explain', 'CWE-78');
    expect(cwe.out).toMatch(/^# subprocess-shell-true\n/m);
    const none = await run('explain', 'B999');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no pillar rule mirrors Bandit test B999/);
  });

  it('suggests close rule ids for an unknown one', async () => {
    const r = await run('explain', 'subprocess-shel-true');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown rule 'subprocess-shel-true'; did you mean subprocess-shell-true/);
  });
});

describe('coverage in the report', () => {
  it('counts selected, fully, partly and not reviewed files, with one syntax error per line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar-cov-'));
    writeFileSync(join(dir, 'ok.py'), 'x = 1\n');
    writeFileSync(join(dir, 'syn.py'), 'def f(:\n    x = (1,\nprint "hi"\n');
    writeFileSync(join(dir, 'bin.py'), Buffer.from([0x61, 0, 0x62]));
    const r = await run('review', dir, '--no-cache', '-f', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.stats).toMatchObject({ files: 2, selected: 3, fullyReviewed: 1, partlyReviewed: 1, notReviewed: 1 });
    const lines = report.diagnostics.filter((d: { code: string }) => d.code === 'syntax-error').map((d: { line: number }) => d.line);
    expect(lines).toEqual([...new Set(lines)]);
    expect(lines.length).toBeGreaterThan(0);
    const text = await run('review', dir, '--no-cache');
    expect(text.out).toContain('Reviewed 2 of 3 selected file(s) (1 only partly)');
  });
});
