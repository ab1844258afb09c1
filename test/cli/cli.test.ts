// The `pillar` command in-process: outputs, exit codes and error messages.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, type Run } from '../harness/cli.js';

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
    expect(r.out).toMatch(/subprocess-shell-true\s+CWE-78\s+pillar CWE-707 Improper Neutralization\s+high\s+high\s+B602/);
    const json = JSON.parse((await run('rules', '--json')).out);
    expect(json.find((x: { id: string }) => x.id === 'subprocess-shell-true')).toMatchObject({ cwe: 78, pillar: 707, bandit: 'B602' });
  });

  it('explains a rule and rejects an unknown one', async () => {
    const r = await run('explain', 'subprocess-shell-true');
    expect(r.out).toMatch(/^# subprocess-shell-true\n/);
    expect(r.out).toContain('## Why is this a defect?');
    const bad = await run('explain', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown rule 'nope'/);
  });
});
