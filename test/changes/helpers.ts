// Test helpers: throw-away git repositories in the OS temp dir, and the `pillar` command run in-process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type Run } from '../harness/cli.js';

const IDENTITY = ['-c', 'user.name=pillar tests', '-c', 'user.email=tests@pillar.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

export interface Repo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  remove(path: string): void;
  commit(message: string): string;
}

export function makeRepo(prefix: string): Repo {
  const dir = mkdtempSync(join(tmpdir(), `pillar-${prefix}-`));
  const git = (...args: string[]): string => execFileSync('git', [...IDENTITY, ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  return {
    dir,
    git,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    remove(path) { rmSync(join(dir, path)); },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
  };
}

export type { Run } from '../harness/cli.js';

/** Runs `pillar argv…` in `cwd`, capturing stdout/stderr; `stdin` feeds `--patch -`. */
export function pillar(cwd: string, argv: string[], stdin?: string): Promise<Run> {
  return runCli(argv, { cwd, ...(stdin !== undefined ? { stdin } : {}) });
}

/** 1-based number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`'${needle}' (occurrence ${occurrence}) not in the text`);
}
