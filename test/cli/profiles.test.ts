// The default report is what a security reviewer would raise (issue 15, point 5): Bandit-style notices run only with
// --profile bandit (or a config's `profile`, or --bandit-compat), low-confidence findings are hidden unless
// --min-confidence low asks for them, and the report, the exit status, SARIF, baselines and change reviews agree.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { defineRule } from '../../src/rulekit/defineRule.js';
import { selectRules } from '../../src/rulekit/registry.js';
import { makeSelection } from '../../src/config/selection.js';
import { lineOf, makeRepo, pillar } from '../changes/helpers.js';

// Notices only: an import of subprocess (B404), an assert (B101), a list-form subprocess call (B603) of a program
// found through PATH (B607).
const NOTICES = 'import subprocess\n\n\ndef run(args):\n    assert args\n    return subprocess.check_output(["ls", args])\n';
// One low-confidence finding (call-with-shell-true: a wrapper's shell flag, whose meaning the rule cannot see).
const UNSURE = 'from nova import utils\n\n\ndef wipe(cmd):\n    utils.execute(cmd, shell=True)\n';
// One high-confidence defect.
const DEFECT = 'import subprocess\n\n\ndef restart(unit):\n    subprocess.call("systemctl restart " + unit, shell=True)\n';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pillar-profiles-'));
  writeFileSync(join(root, 'notices.py'), NOTICES);
  writeFileSync(join(root, 'unsure.py'), UNSURE);
  writeFileSync(join(root, 'defect.py'), DEFECT);
  writeFileSync(join(root, 'bandit.yml'), 'profile: bandit\n');
  writeFileSync(join(root, 'low.yml'), 'min-confidence: low\n');
});

const ids = (out: string): string[] => (JSON.parse(out) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId).sort();

describe('profiles', () => {
  it('leaves Bandit-style notices out of the default report, and exits 0 on them', async () => {
    const r = await pillar(root, ['review', 'notices.py', '--format', 'json', '--no-progress', '--no-cache']);
    expect(ids(r.out)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('runs them with --profile bandit, with profile: bandit in the config, with --bandit-compat and with --only', async () => {
    const notices = ['assert-used', 'import-subprocess', 'process-partial-path', 'subprocess-without-shell'];
    for (const extra of [['--profile', 'bandit'], ['-c', 'bandit.yml'], ['--bandit-compat']]) {
      const r = await pillar(root, ['review', 'notices.py', '--format', 'json', '--no-progress', '--no-cache', ...extra]);
      expect(ids(r.out), extra.join(' ')).toEqual(notices);
      expect(r.code).toBe(1);
    }
    const only = await pillar(root, ['review', 'notices.py', '--format', 'json', '--no-progress', '--no-cache', '--only', 'assert-used']);
    expect(ids(only.out)).toEqual(['assert-used']);
  });

  it('keeps the dangerous operations in the default profile', async () => {
    const r = await pillar(root, ['review', 'defect.py', '--format', 'json', '--no-progress', '--no-cache']);
    expect(ids(r.out)).toContain('subprocess-shell-true');
    expect(ids(r.out)).not.toContain('import-subprocess');
  });

  it('rejects an unknown profile on the command line and in the config', async () => {
    expect((await pillar(root, ['review', 'notices.py', '--profile', 'everything', '--no-progress'])).code).toBe(2);
    writeFileSync(join(root, 'bad.yml'), 'profile: strict\n');
    expect((await pillar(root, ['review', 'notices.py', '-c', 'bad.yml', '--no-progress'])).code).toBe(2);
  });

  it('selects notices only when the profile includes them', () => {
    const selection = makeSelection(undefined, undefined);
    const defaults = selectRules({ selection, disabled: [], banditCompat: false }).map((r) => r.meta.id);
    const bandit = selectRules({ selection, disabled: [], banditCompat: false, profile: 'bandit' }).map((r) => r.meta.id);
    expect(defaults).not.toContain('insecure-random');
    expect(defaults).toContain('yaml-unsafe-load');
    expect(bandit).toContain('insecure-random');
    expect(bandit).toEqual(expect.arrayContaining(defaults));
  });

  it('validates a rule\'s profile in defineRule', () => {
    const meta = {
      id: 'made-up-rule', cwe: 78, severity: 'low' as const, confidence: 'high' as const, languages: ['python' as const],
      messages: { m: { text: 't', fix: 'f' } },
      docs: { summary: 's', why: 'w', example: 'e', useInstead: 'u', fix: 'f', references: ['https://cwe.mitre.org/'] },
    };
    expect(() => defineRule({ meta: { ...meta, profile: 'notice' as never }, create: () => ({}) })).toThrow(/profile 'notice'/);
    expect(() => defineRule({ meta: { ...meta, profile: 'bandit' }, create: () => ({}) })).not.toThrow();
  });
});

describe('low-confidence findings hidden by default', () => {
  it('hides them, says how many and how to show them, and exits 0', async () => {
    const r = await pillar(root, ['review', 'unsure.py', '--no-progress', '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('call-with-shell-true');
    expect(r.out).toContain('1 low-confidence finding hidden; --min-confidence low shows them');
    const json = JSON.parse((await pillar(root, ['review', 'unsure.py', '--format', 'json', '--no-progress', '--no-cache'])).out);
    expect(json.findings).toEqual([]);
    expect(json.stats.lowConfidenceHidden).toBe(1);
  });

  it('shows them with --min-confidence low or min-confidence: low in the config, and then exits 1', async () => {
    for (const extra of [['--min-confidence', 'low'], ['-c', 'low.yml']]) {
      const r = await pillar(root, ['review', 'unsure.py', '--no-progress', '--no-cache', ...extra]);
      expect(r.code, extra.join(' ')).toBe(1);
      expect(r.out).toContain('call-with-shell-true');
      expect(r.out).not.toContain('low-confidence finding hidden');
    }
  });

  it('leaves them out of SARIF and of a written baseline', async () => {
    const sarif = JSON.parse((await pillar(root, ['review', 'unsure.py', 'defect.py', '--format', 'sarif', '--no-progress', '--no-cache'])).out);
    const results = sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId);
    expect(results).toContain('subprocess-shell-true');
    expect(results).not.toContain('call-with-shell-true');
    const d = mkdtempSync(join(tmpdir(), 'pillar-profiles-baseline-'));
    writeFileSync(join(d, 'unsure.py'), UNSURE);
    writeFileSync(join(d, 'defect.py'), DEFECT);
    expect((await pillar(d, ['review', '.', '--write-baseline', 'base.json', '--no-progress', '--no-cache'])).code).toBe(0);
    const accepted = JSON.parse(readFileSync(join(d, 'base.json'), 'utf8')).findings.map((e: { ruleId: string }) => e.ruleId);
    expect(accepted).not.toContain('call-with-shell-true');
    // The baseline hides what it accepted; the low-confidence finding stays hidden by the threshold, not by it.
    const again = JSON.parse((await pillar(d, ['review', '.', '--baseline', 'base.json', '--format', 'json', '--no-progress', '--no-cache'])).out);
    expect(again.findings).toEqual([]);
    expect(again.stats.lowConfidenceHidden).toBe(1);
    // Asked for, it is new to the baseline and reported.
    const low = await pillar(d, ['review', '.', '--baseline', 'base.json', '--min-confidence', 'low', '--format', 'json', '--no-progress', '--no-cache']);
    expect(ids(low.out)).toEqual(['call-with-shell-true']);
    expect(low.code).toBe(1);
  });

  it('counts in a change review only the hidden findings the change introduced', async () => {
    const repo = makeRepo('profiles-change');
    repo.write('old.py', UNSURE);
    repo.commit('a wrapper with a shell flag');
    repo.write('new.py', UNSURE.replace('wipe', 'erase'));
    repo.write('svc.py', DEFECT);
    repo.commit('another one, and a shell injection');
    const r = await pillar(repo.dir, ['review', '--diff', 'HEAD~1..HEAD', '--format', 'json', '--no-progress', '--no-cache']);
    const report = JSON.parse(r.out);
    expect(report.findings.map((f: { ruleId: string; range: { startLine: number } }) => [f.ruleId, f.range.startLine]))
      .toEqual([['subprocess-shell-true', lineOf(DEFECT, 'shell=True')]]);
    expect(report.stats.lowConfidenceHidden).toBe(1);
    expect(r.code).toBe(1);
  });

  it('is the library default too, and low under banditCompat, which reproduces Bandit', async () => {
    const file = join(root, 'unsure.py');
    expect((await review({ paths: [file], jobs: 1 })).findings).toEqual([]);
    expect((await review({ paths: [file], jobs: 1, minConfidence: 'low' })).findings.map((f) => f.ruleId)).toEqual(['call-with-shell-true']);
    expect((await review({ paths: [file], jobs: 1, banditCompat: true })).findings.map((f) => f.ruleId)).toEqual(['call-with-shell-true']);
  });
});
