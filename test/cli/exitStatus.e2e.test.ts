// Issue 18 through the installed command (`bin/pillar.js` in a child process, in a git repository made here): the
// exit statuses for nothing reviewed (5) and an incomplete review (6), usage errors caught before any analysis (2),
// and the first-hour fixes (baselines, `rules | head`, `--gerrit-label`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { makeRepo, type Repo } from '../changes/helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'pillar.js');
const NO_DEFECTS = 'No security defects are detected in the code.';

function pillar(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const BAD = 'import subprocess\n\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n';

describe('exit statuses (bin/pillar.js)', () => {
  let repo: Repo;
  beforeAll(() => {
    expect(inject('buildError'), 'npm run build failed').toBe('');
    repo = makeRepo('exit');
    repo.write('clean/ok.py', 'x = 1\n');
    repo.write('binary/blob.py', 'a\u0000b');
    repo.write('binary/blob2.py', '\u0000');
    repo.write('mixed/ok.py', 'x = 1\n');
    repo.write('mixed/blob.py', '\u0000');
    repo.write('bad/svc.py', BAD);
    repo.write('empty/README.txt', 'no python here\n');
    repo.commit('files');
  });

  it('0 and the clean sentence when every selected file was reviewed', () => {
    const r = pillar(repo.dir, ['review', 'clean', '--no-cache']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(NO_DEFECTS);
    expect(r.stdout).toContain('Reviewed 1 file(s)');
  });

  it('5 when no selected file could be reviewed, and never the clean sentence', () => {
    const r = pillar(repo.dir, ['review', 'binary', '--no-cache']);
    expect(r.status).toBe(5);
    expect(r.stdout).not.toContain(NO_DEFECTS);
    expect(r.stdout).toContain('Nothing was reviewed');
    expect(r.stdout).toContain('Reviewed 0 of 2 selected file(s)');
    const json = JSON.parse(pillar(repo.dir, ['review', 'binary', '--no-cache', '-f', 'json']).stdout);
    expect(json.stats).toMatchObject({ files: 0, selected: 2, fullyReviewed: 0, partlyReviewed: 0, notReviewed: 2 });
    const sarif = JSON.parse(pillar(repo.dir, ['review', 'binary', '--no-cache', '-f', 'sarif']).stdout);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('5 when a whole-tree review selects no file at all', () => {
    const r = pillar(repo.dir, ['review', 'empty', '--no-cache']);
    expect(r.status).toBe(5);
    expect(r.stdout).not.toContain(NO_DEFECTS);
  });

  it('0 with a file not reviewed, 6 with --fail-on-diagnostics; SARIF says the run was incomplete', () => {
    const plain = pillar(repo.dir, ['review', 'mixed', '--no-cache']);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('Reviewed 1 of 2 selected file(s)');
    const strict = pillar(repo.dir, ['review', 'mixed', '--no-cache', '--fail-on-diagnostics']);
    expect(strict.status).toBe(6);
    expect(strict.stdout).not.toContain(NO_DEFECTS);
    expect(strict.stdout).toContain('The review is incomplete');
    const sarif = JSON.parse(pillar(repo.dir, ['review', 'mixed', '--no-cache', '-f', 'sarif']).stdout);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    const clean = JSON.parse(pillar(repo.dir, ['review', 'clean', '--no-cache', '-f', 'sarif']).stdout);
    expect(clean.runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  it('6 when a file ran out of time, even without --fail-on-diagnostics', () => {
    // 20,000 lines (~30 ms to parse here) cannot be parsed and analysed within 1 ms, whatever the machine.
    repo.write('slow/big.py', 'x = 1\n'.repeat(20_000));
    const r = pillar(repo.dir, ['review', 'slow', 'clean', '--no-cache', '--file-timeout', '1', '--jobs', '1']);
    expect(r.stdout).toContain('timeout');
    expect(r.status).toBe(6);
    expect(r.stdout).not.toContain(NO_DEFECTS);
  });

  it('1 takes precedence over 5 and 6', () => {
    const r = pillar(repo.dir, ['review', 'bad', 'mixed', '--no-cache', '--fail-on-diagnostics']);
    expect(r.status).toBe(1);
  });

  it('2, one line, before any analysis, for a named path that does not exist', () => {
    const r = pillar(repo.dir, ['review', 'clean', 'no-such-dir', '--no-cache']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('pillar: no such file or directory: no-such-dir\n');
    const change = pillar(repo.dir, ['review', '--diff', 'HEAD', 'no-such-dir', '--no-cache']);
    expect(change.status).toBe(2);
    expect(change.stderr).toBe('pillar: no such file or directory: no-such-dir\n');
  });

  it('2, one line, before analysing, for -o into a missing directory', () => {
    const r = pillar(repo.dir, ['review', 'bad', '--no-cache', '-o', '/missing/dir/r.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^pillar: cannot write the report to \/missing\/dir\/r\.txt: directory \/missing\/dir does not exist\n$/);
  });

  it('2 for --gerrit-label without --format gerrit', () => {
    const r = pillar(repo.dir, ['review', 'bad', '--no-cache', '--gerrit-label', 'Security-Review']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--gerrit-label only applies with --format gerrit/);
  });

  it('--write-baseline exits 0; a baseline that hides findings says so instead of the clean sentence', () => {
    const written = pillar(repo.dir, ['review', 'bad', '--no-cache', '--write-baseline', 'base.json']);
    expect(written.status).toBe(0);
    expect(existsSync(join(repo.dir, 'base.json'))).toBe(true);
    const hidden = JSON.parse(readFileSync(join(repo.dir, 'base.json'), 'utf8')).findings.length;
    const r = pillar(repo.dir, ['review', 'bad', '--no-cache', '--baseline', 'base.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${hidden} findings? hidden by the baseline`));
    expect(r.stdout).not.toContain(NO_DEFECTS);
  });

  it('--context-findings with only pre-existing findings says no new defects, not the clean sentence', () => {
    const change = makeRepo('context');
    change.write('svc.py', BAD);
    change.commit('old defect');
    change.write('svc.py', BAD.replace('    subprocess.call', '    name = cmd\n    subprocess.call'));
    change.commit('touch the function');
    const r = pillar(change.dir, ['review', '--diff', 'HEAD~1..HEAD', '--context-findings', '--no-cache']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('pre-existing, shown as context');
    expect(r.stdout).toContain('The change introduces no new security defects');
    expect(r.stdout).not.toContain(NO_DEFECTS);
  });

  it('`pillar rules | head -1` ends quietly, without an EPIPE stack trace', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" rules | head -1`], { encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
    // `true` closes the pipe before pillar has started, so every write fails with EPIPE.
    const closed = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" rules | true`], { encoding: 'utf8' });
    expect(closed.stderr).toBe('');
    // The reader going away must not turn a review with findings into a success.
    const review = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" review bad --no-cache | true`], { cwd: repo.dir, encoding: 'utf8' });
    expect(review.stderr).toBe('');
    expect(review.status).toBe(1);
  });

  it('--help documents the exit statuses', () => {
    const r = pillar(repo.dir, ['review', '--help']);
    expect(r.status).toBe(0);
    for (const code of ['5  nothing was reviewed', '6  incomplete review', '--fail-on-diagnostics']) expect(r.stdout).toContain(code);
  });
});
