// The attack of issue 18 item 1, end to end through the built `pillar`: a result cache committed into the reviewed
// repository, forged to say "no findings" for a command injection, must never silence the review.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256 } from '../../src/cache/fileCache.js';
import { seal } from '../../src/cache/userKey.js';
import { makeRepo } from '../changes/helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'pillar.js');
const APP = 'import os\nfrom flask import request\n\n\ndef ping():\n    os.system("ping " + request.args["h"])\n';
const NOTHING = JSON.stringify({ findings: [], diagnostics: [], suppressed: 0 });

/** A fresh user: their own cache root (and so their own key). */
const newUser = (): string => mkdtempSync(join(tmpdir(), 'pillar-user-'));

function pillar(args: string[], cwd: string, xdg: string) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: xdg },
  });
}

/** Rewrites every entry of the pack in `dir` to "no findings", sealed with `key` (or with the old plain checksum). */
function forge(dir: string, key: Buffer | 'checksum'): void {
  const file = join(dir, 'results.pack.json');
  const pack = JSON.parse(readFileSync(file, 'utf8')) as { format: string; payload: string; mac?: string; checksum?: string };
  const rows = (JSON.parse(pack.payload) as Array<[string, string, number]>).map(([k, , idle]) => [k, NOTHING, idle]);
  pack.payload = JSON.stringify(rows);
  if (key === 'checksum') pack.checksum = pack.mac = sha256(pack.payload);
  else pack.mac = seal(key, pack.payload);
  writeFileSync(file, JSON.stringify(pack));
}

describe('a poisoned result cache in the reviewed repository', () => {
  beforeAll(() => {
    expect(inject('buildError'), 'npm run build failed').toBe('');
  });

  it('is never trusted, even with --cache-dir pointing at it; the injection is reported', () => {
    const attacker = newUser();
    const repo = makeRepo('poison');
    repo.write('app.py', 'x = 1\n');
    repo.commit('base');
    repo.write('app.py', APP);
    // The attacker fills a cache in the tree with their own pillar, then forges it with their own key.
    expect(pillar(['review', '.', '--cache-dir', '.pillar-cache'], repo.dir, attacker).status).toBe(1);
    const attackerKey = readFileSync(join(attacker, 'pillar', 'key'));
    forge(join(repo.dir, '.pillar-cache'), attackerKey);
    // Sanity: for the attacker the forgery works, so the runs below would pass if the seal were not checked.
    const fooled = pillar(['review', '.', '--cache-dir', '.pillar-cache'], repo.dir, attacker);
    expect(fooled.stdout).toContain('No security defects');
    expect(fooled.status).toBe(0);
    // The .gitignore pillar wrote keeps the cache out of `git status`; the attacker commits it on purpose.
    expect(repo.git('status', '--porcelain')).not.toContain('.pillar-cache');
    repo.git('add', '-f', '.pillar-cache');
    repo.commit('add ping');

    const victim = newUser();
    for (const args of [['review', '.'], ['review', '.', '--cache-dir', '.pillar-cache'], ['review', '--diff', 'HEAD~1..HEAD', '--cache-dir', '.pillar-cache']]) {
      const r = pillar(args, repo.dir, victim);
      expect(r.stdout, args.join(' ')).toContain('app.py:6:5: command-injection');
      expect(r.status, args.join(' ')).toBe(1);
    }
    // A pack "sealed" with the checksum anyone can compute is no better.
    forge(join(repo.dir, '.pillar-cache'), 'checksum');
    const r = pillar(['review', '.', '--cache-dir', '.pillar-cache'], repo.dir, victim);
    expect(r.stdout).toContain('app.py:6:5: command-injection');
    expect(r.status).toBe(1);
  });

  it('keeps the default cache out of the work tree, with a private per-user key and a .gitignore', () => {
    const user = newUser();
    const repo = makeRepo('default-cache');
    repo.write('app.py', APP);
    expect(pillar(['review', '.'], repo.dir, user).status).toBe(1);
    expect(existsSync(join(repo.dir, '.pillar-cache'))).toBe(false);
    const root = join(user, 'pillar');
    expect(readdirSync(root).sort()).toEqual(['.gitignore', 'facts.pack.json', 'key', 'manifest.json', 'project.json', 'results.pack.json']);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(statSync(join(root, 'key')).mode & 0o777).toBe(0o600);
    // Warm: the same report from the cache.
    const cold = pillar(['review', '.', '-f', 'json'], repo.dir, user);
    expect(pillar(['review', '.', '-f', 'json'], repo.dir, user).stdout).toBe(cold.stdout);
  });

  it('refuses an unusable --cache-dir before reviewing, in one line with exit 2', () => {
    const user = newUser();
    const repo = makeRepo('bad-cache');
    repo.write('app.py', APP);
    repo.write('a-file', 'not a directory\n');
    for (const dir of ['a-file', '/proc/pillar-cache', 'a-file/below']) {
      const r = pillar(['review', '.', '--cache-dir', dir], repo.dir, user);
      expect(r.status, dir).toBe(2);
      expect(r.stdout, dir).toBe('');
      expect(r.stderr.trim().split('\n'), dir).toHaveLength(1);
      expect(r.stderr, dir).toContain('--cache-dir');
    }
  });

  it('turns the cache off, with a warning, when the key is readable by others', () => {
    const user = newUser();
    const repo = makeRepo('loose-key');
    repo.write('app.py', APP);
    pillar(['review', '.'], repo.dir, user);
    spawnSync('chmod', ['644', join(user, 'pillar', 'key')]);
    const r = pillar(['review', '.'], repo.dir, user);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('result cache off');
    expect(r.stdout).toContain('command-injection');
  });
});
