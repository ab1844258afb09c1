// The built command with its engine flags: worker threads from dist/bundle/, the cache directory, the per-file limit.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../harness/cli.js';
import { fixtureTree, tempDir, writeTree } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'pillar.js');

function pillar(args: string[], cwd?: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 256 * 1024 * 1024 });
}

describe('pillar review engine flags', () => {
  let root: string;
  beforeAll(() => {
    expect(inject('buildError'), 'npm run build failed').toBe('');
    root = fixtureTree();
  });

  it('prints the same JSON with built worker threads as in one thread', () => {
    const one = pillar(['review', root, '--format', 'json', '--jobs', '1', '--no-cache']);
    const two = pillar(['review', root, '--format', 'json', '--jobs', '2', '--no-cache']);
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    expect(JSON.parse(one.stdout).findings.length).toBeGreaterThan(100);
    expect(two.stdout).toBe(one.stdout);
  });

  it('prints, bundled, the same report as the sources it was built from', async () => {
    const built = pillar(['review', root, '--format', 'sarif', '--jobs', '2', '--no-cache']);
    const sources = await runCli(['review', root, '--format', 'sarif', '--jobs', '1', '--no-cache']);
    expect(built.stdout).toBe(sources.out);
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(pillar(['--version']).stdout.trim()).toBe(version);
  });

  it('worker threads keep a code cache beside their bundle: written once, and the report is the same without it, with it, or with it damaged', () => {
    const cache = join(import.meta.dirname, '..', '..', 'dist', 'bundle', 'worker.cjs.cache');
    const run = () => pillar(['review', root, '--format', 'json', '--jobs', '2', '--no-cache']);
    rmSync(cache, { force: true });
    const without = run();
    expect(without.stderr).toBe('');
    // A run with two threads that analysed files leaves the cache (the stored source digest, its own, then V8's data).
    expect(readFileSync(cache).length).toBeGreaterThan(64 + 100_000);
    const written = statSync(cache).mtimeMs;
    expect(run().stdout).toBe(without.stdout);
    expect(statSync(cache).mtimeMs).toBe(written);
    const damaged = readFileSync(cache);
    for (let i = 64; i < damaged.length; i += 7) damaged[i] = damaged[i]! ^ 0xff;
    writeFileSync(cache, damaged);
    const afterDamage = run();
    expect(afterDamage.stderr).toBe('');
    expect(afterDamage.stdout).toBe(without.stdout);
    // The damaged file was not used, so it was replaced by a good one.
    expect(readFileSync(cache).equals(damaged)).toBe(false);
    writeFileSync(cache, 'not a cache');
    expect(run().stdout).toBe(without.stdout);
  });

  it('--timing and PILLAR_TIMING=1 print the rules\' and stages\' times on stderr, summed over workers, and never change the report or the cache', () => {
    const plain = pillar(['review', root, '--format', 'json', '--jobs', '2', '--no-cache']);
    const timed = pillar(['review', root, '--format', 'json', '--jobs', '2', '--no-cache', '--timing']);
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).toBe('');
    expect(timed.stderr).toMatch(/^Rule +\| +Time \(ms\) \| Relative\n/);
    // A rule that reports on the fixture tree ran, and so is timed; the stages are listed below the rules.
    const reported = (JSON.parse(plain.stdout) as { findings: Array<{ ruleId: string }> }).findings[0]!.ruleId;
    expect(timed.stderr).toMatch(/\nall rules +\| +[\d.]+ \| \d+ rules\n/);
    expect(timed.stderr).toMatch(/\nparse +\| +[\d.]+ \| \d+ calls\n/);
    const byEnv = pillar(['review', root, '--format', 'json', '--jobs', '1', '--no-cache', '--only', reported], undefined, { PILLAR_TIMING: '1' });
    expect(byEnv.stderr).toContain(`\n${reported} `);
    // Results cached by a timed run hold no timing, and a later untimed run reads the same report from them.
    const cacheDir = join(tempDir('cache'), 'c');
    pillar(['review', root, '--format', 'json', '--jobs', '2', '--cache-dir', cacheDir, '--timing']);
    for (const f of readdirSync(cacheDir)) expect(readFileSync(join(cacheDir, f), 'utf8')).not.toMatch(/\\*"timing\\*":/);
    const fromCache = pillar(['review', root, '--format', 'json', '--jobs', '2', '--cache-dir', cacheDir]);
    expect(fromCache.stdout).toBe(plain.stdout);
  });

  it('caches in the user cache directory (never the current one), or --cache-dir, and not with --no-cache', () => {
    const cwd = tempDir('cwd');
    const xdg = tempDir('xdg');
    const env = { XDG_CACHE_HOME: xdg };
    const first = pillar(['review', root, '--format', 'json'], cwd, env);
    expect(existsSync(join(cwd, '.pillar-cache'))).toBe(false);
    expect(readdirSync(join(xdg, 'pillar'))).toContain('results.pack.json');
    expect(pillar(['review', root, '--format', 'json'], cwd, env).stdout).toBe(first.stdout);
    const elsewhere = join(tempDir('cache'), 'c');
    pillar(['review', root, '--format', 'json', '--cache-dir', elsewhere], cwd, env);
    expect(readdirSync(elsewhere).length).toBeGreaterThan(0);
    const none = tempDir('xdg');
    pillar(['review', root, '--format', 'json', '--no-cache'], cwd, { XDG_CACHE_HOME: none });
    expect(readdirSync(none)).toEqual([]);
  });

  it('turns a file over --file-timeout into a timeout diagnostic and reviews the others', () => {
    const tree = writeTree({
      'slow.py': `import os\n${'x = [a for a in range(10) if a]\n'.repeat(40_000)}`,
      'quick.py': 'import subprocess\nsubprocess.call(cmd, shell=True)\n',
    });
    const r = pillar(['review', tree, '--format', 'json', '--no-cache', '--file-timeout', '5', '--only', 'subprocess-shell-true']);
    const report = JSON.parse(r.stdout);
    expect(report.diagnostics.map((d: { file: string; code: string }) => [d.file.slice(tree.length + 1), d.code])).toEqual([['slow.py', 'timeout']]);
    expect(report.findings.map((f: { file: string }) => f.file.slice(tree.length + 1))).toEqual(['quick.py']);
  });

  it('rejects a --jobs or --file-timeout that is not a positive whole number', () => {
    expect(pillar(['review', root, '--jobs', '0']).status).toBe(2);
    expect(pillar(['review', root, '--file-timeout', 'soon']).status).toBe(2);
  });
});
