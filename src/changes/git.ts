// Runs git as a child process with an argument array (never through a shell), so revisions and paths from the
// user cannot inject shell syntax. Failures become UsageErrors that quote git's own explanation.
import { execFile } from 'node:child_process';
import { UsageError } from '../config/errors.js';

/** A tree with no entries: the base for a repository whose first commit is still being made. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

// Diffs of large changes run to tens of megabytes; the default 1 MiB would truncate them.
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

export interface GitResult { ok: boolean; stdout: Buffer; stderr: string; code: number | null }

export function git(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true },
      (error, stdout, stderr) => {
        const errno = (error as NodeJS.ErrnoException | null)?.code;
        if (errno === 'ENOENT') {
          resolve({ ok: false, stdout: Buffer.alloc(0), stderr: 'git is not installed or not on PATH', code: null });
          return;
        }
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : null) : 0;
        resolve({ ok: !error, stdout, stderr: stderr.toString('utf8').trim(), code });
      });
  });
}

/** Runs git and returns its stdout as text, or throws a UsageError that says what we were trying to do. */
export async function gitText(cwd: string, args: string[], doing: string): Promise<string> {
  const result = await git(cwd, args);
  if (!result.ok) throw new UsageError(`${doing} failed: ${result.stderr || `git exited with ${result.code}`}`);
  return result.stdout.toString('utf8');
}

/** The top of the work tree that holds `cwd`, or null when `cwd` is not inside a git work tree. */
export async function workTreeRoot(cwd: string): Promise<string | null> {
  const result = await git(cwd, ['rev-parse', '--show-toplevel']);
  return result.ok ? result.stdout.toString('utf8').trim() : null;
}

/** The commit a revision names, or null when it names none. */
export async function resolveCommit(cwd: string, rev: string): Promise<string | null> {
  // A revision starting with '-' would be read as an option (`--end-of-options` needs git ≥ 2.30 here).
  if (rev.startsWith('-')) return null;
  const result = await git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return result.ok ? result.stdout.toString('utf8').trim() : null;
}
