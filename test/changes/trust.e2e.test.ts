// Issue 18, items 4, 7 and 8, end to end through the built `pillar` on git repositories made here: a change cannot
// bring the config that hides it, config is never taken from above the repository, reads stay inside the reviewed
// tree, unreadable directories are said, and oversized configs are refused in one line.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { makeRepo } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'pillar.js');
const APP = 'import os\nfrom flask import request\n\n\ndef ping():\n    os.system("ping " + request.args["h"])\n';
const SECRET_TEXT = 'THE-CONTENTS-OF-A-FILE-OUTSIDE';
const OUTSIDE = `import os\n# ${SECRET_TEXT}\nos.system("ping " + input())\n`;

interface Diag { file: string; code: string; line?: number }

function pillar(args: string[], cwd: string, options: { uid?: number } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const json = (out: string): { findings: Array<{ ruleId: string; file: string }>; diagnostics: Diag[] } => JSON.parse(out);

describe('change review takes its config from the base revision', () => {
  beforeAll(() => {
    expect(inject('buildError'), 'npm run build failed').toBe('');
  });

  it('does not let a change exclude itself with the .pillar.yml it adds, and reports the config edit', () => {
    const repo = makeRepo('config-in-change');
    repo.write('app.py', 'x = 1\n');
    repo.commit('base');
    repo.write('app.py', APP);
    repo.write('.pillar.yml', 'exclude: ["app.py"]\n');
    repo.commit('ping, and hide it');
    const patch = repo.git('diff', 'HEAD~1', 'HEAD');
    writeFileSync(join(tmpdir(), 'pillar-trust-config.diff'), patch);
    for (const args of [['--diff', 'HEAD~1..HEAD'], ['--diff', 'HEAD~1'], ['--patch', join(tmpdir(), 'pillar-trust-config.diff')]]) {
      const r = pillar(['review', ...args, '-f', 'json', '--no-cache'], repo.dir);
      const what = args.join(' ');
      expect(r.status, what).toBe(1);
      const report = json(r.out);
      expect(report.findings.map((f) => f.ruleId), what).toContain('command-injection');
      expect(report.diagnostics, what).toContainEqual(expect.objectContaining({ file: '.pillar.yml', code: 'config-changed', line: 1 }));
      expect(r.err, what).toContain('pillar: warning: the change adds the pillar config .pillar.yml; it is not applied to this review');
      expect(r.err, what).not.toMatch(/pillar: config /);
    }
  });

  it('applies the base revision\'s config, names it on stderr only, and flags an edit of [tool.pillar]', () => {
    const repo = makeRepo('config-base');
    repo.write('pyproject.toml', '[tool.pillar]\ndisable-rules = ["process-partial-path"]\n\n[tool.black]\nline-length = 100\n');
    repo.write('app.py', 'x = 1\n');
    const base = repo.commit('base');
    repo.write('app.py', APP);
    repo.write('pyproject.toml', '[tool.pillar]\ndisable-rules = ["process-partial-path"]\nexclude = ["app.py"]\n\n[tool.black]\nline-length = 100\n');
    repo.commit('change');
    const r = pillar(['review', '--diff', 'HEAD~1..HEAD', '-f', 'json', '--no-cache'], repo.dir);
    expect(r.status).toBe(1);
    const report = json(r.out);
    const rules = report.findings.map((f) => f.ruleId);
    expect(rules).toContain('command-injection');
    expect(rules).not.toContain('process-partial-path');
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ file: 'pyproject.toml', code: 'config-changed' }));
    expect(r.err).toContain(`pillar: config ${join(repo.dir, 'pyproject.toml')} as of ${base.slice(0, 12)} (the base of the change)\n`);
    expect(r.out).not.toContain(repo.dir);
    // An edit outside [tool.pillar] is not a config edit.
    repo.write('pyproject.toml', '[tool.pillar]\ndisable-rules = ["process-partial-path"]\nexclude = ["app.py"]\n\n[tool.black]\nline-length = 88\n');
    repo.commit('black');
    expect(json(pillar(['review', '--diff', 'HEAD~1..HEAD', '-f', 'json', '--no-cache'], repo.dir).out).diagnostics).toEqual([]);
  });

  it('never applies a config from above the repository root, and says which config a whole-tree review uses', () => {
    const above = mkdtempSync(join(tmpdir(), 'pillar-above-'));
    writeFileSync(join(above, '.pillar.yml'), 'exclude: ["app.py"]\n');
    mkdirSync(join(above, 'repo'));
    execFileSync('git', ['init', '-q'], { cwd: join(above, 'repo') });
    writeFileSync(join(above, 'repo', 'app.py'), APP);
    const r = pillar(['review', '.', '--no-cache'], join(above, 'repo'));
    expect(r.status).toBe(1);
    expect(r.out).toContain('command-injection');
    expect(r.err).toBe('');
    writeFileSync(join(above, 'repo', '.pillar.yml'), 'disable-rules: [process-partial-path]\n');
    const own = pillar(['review', '.', '--no-cache'], join(above, 'repo'));
    expect(own.err).toBe(`pillar: config ${join(above, 'repo', '.pillar.yml')}\n`);
    expect(own.out).not.toContain('process-partial-path');
  });

  it('refuses a config over the bounds in one line, exit 2', () => {
    const repo = makeRepo('config-bounds');
    repo.write('app.py', APP);
    repo.write('.pillar.yml', `include:\n${'  - "**/*.py"\n'.repeat(200_000)}`);
    const r = pillar(['review', '.', '--no-cache'], repo.dir);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/over the 1048576-byte bound/);
    repo.write('.pillar.yml', `exclude: [${Array.from({ length: 20_000 }, (_, i) => `g${i}`).join(',')}]\n`);
    const many = pillar(['review', '.', '--no-cache'], repo.dir);
    expect(many.status).toBe(2);
    expect(many.err.trim().split('\n')).toHaveLength(1);
    expect(many.err).toMatch(/more than 10000 entries/);
  });
});

describe('reads stay inside the reviewed tree', () => {
  it('skips patch paths that leave the root, without reading or printing them', () => {
    const work = mkdtempSync(join(tmpdir(), 'pillar-outside-'));
    mkdirSync(join(work, 'outside'));
    writeFileSync(join(work, 'outside', 'target.py'), OUTSIDE);
    const repo = join(work, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    writeFileSync(join(repo, 'app.py'), APP);
    const hunk = (from: string, to: string) => `--- ${from}\n+++ ${to}\n@@ -0,0 +1,3 @@\n+import os\n+# ${SECRET_TEXT}\n+os.system("ping " + input())\n`;
    const absolute = join(work, 'outside', 'target.py');
    // A relative path climbing out of the repository (to work/outside/target.py, which exists), and an absolute one.
    const patch = `${hunk('/dev/null', 'b/../outside/target.py')}${hunk('/dev/null', absolute)}`;
    const r = spawnSync(process.execPath, [BIN, 'review', '--patch', '-', '-f', 'json', '--no-cache'], { cwd: repo, input: patch, encoding: 'utf8' });
    const report = json(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.diagnostics.map((d) => [d.file, d.code])).toEqual([['../outside/target.py', 'outside-root'], [absolute, 'outside-root']]);
    for (const format of ['text', 'sarif', 'markdown']) {
      const shown = spawnSync(process.execPath, [BIN, 'review', '--patch', '-', '-f', format, '--no-cache'], { cwd: repo, input: patch, encoding: 'utf8' });
      expect(shown.stdout, format).not.toContain(SECRET_TEXT);
      expect(shown.stdout, format).toContain('outside-root');
    }
  });

  it('does not follow a symbolic link out of the reviewed directory, in a tree or a change review', () => {
    const work = mkdtempSync(join(tmpdir(), 'pillar-link-'));
    writeFileSync(join(work, 'target.py'), OUTSIDE);
    const repo = makeRepo('link-outside');
    repo.write('app.py', APP);
    repo.write('pkg/inner.py', 'x = 1\n');
    repo.commit('base');
    symlinkSync(join(work, 'target.py'), join(repo.dir, 'passwd.py'));
    // A link that stays inside is still followed.
    symlinkSync(join(repo.dir, 'pkg', 'inner.py'), join(repo.dir, 'alias.py'));
    const tree = pillar(['review', '.', '-f', 'json', '--no-cache'], repo.dir);
    const report = json(tree.out);
    expect(report.diagnostics.map((d) => [d.file, d.code])).toEqual([['passwd.py', 'outside-root']]);
    expect(report.findings.map((f) => f.file)).not.toContain('passwd.py');
    expect(tree.out).not.toContain(SECRET_TEXT);
    repo.git('add', 'passwd.py', 'alias.py');
    const change = pillar(['review', '--diff', 'HEAD', '-f', 'json', '--no-cache'], repo.dir);
    expect(json(change.out).diagnostics.map((d) => [d.file, d.code])).toEqual([['passwd.py', 'outside-root']]);
    expect(change.out).not.toContain(SECRET_TEXT);
  });

  it('reports a directory it cannot list instead of skipping it in silence', () => {
    const tree = mkdtempSync(join(tmpdir(), 'pillar-locked-'));
    writeFileSync(join(tree, 'app.py'), APP);
    mkdirSync(join(tree, 'locked'));
    writeFileSync(join(tree, 'locked', 'hidden.py'), APP);
    chmodSync(tree, 0o755);
    chmodSync(join(tree, 'app.py'), 0o644);
    chmodSync(join(tree, 'locked'), 0o000);
    try {
      // root reads any directory: run as nobody then (the suite runs as root in CI containers).
      const asUser = process.getuid?.() === 0 ? { uid: 65534 } : {};
      const r = pillar(['review', tree, '-f', 'json', '--no-cache'], tmpdir(), asUser);
      const report = json(r.out);
      expect(report.diagnostics).toEqual([expect.objectContaining({ file: join(tree, 'locked'), code: 'unreadable' })]);
      expect(report.findings.map((f) => f.file)).toContain(join(tree, 'app.py'));
    } finally {
      chmodSync(join(tree, 'locked'), 0o755);
    }
  });
});
