// Where the result cache lives, and making its directory. The default is the user's cache directory (XDG), never
// the current directory: in CI that is the checkout under review, and a cache there is the reviewed code's to write.
// Does not decide whether a cache's contents are trusted: that is the user key's job (userKey.ts).
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * `$XDG_CACHE_HOME/pillar`, else `~/.cache/pillar`. The XDG spec says a relative XDG_CACHE_HOME is invalid and is
 * to be ignored, which also keeps a `.`-relative value from pointing the cache into the reviewed tree.
 */
export function userCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'pillar');
  return join(homedir(), '.cache', 'pillar');
}

/** Why a directory cannot hold the cache, as one line. */
export class CacheDirError extends Error {
  override readonly name = 'CacheDirError';
}

/**
 * Creates `dir` (and missing parents) one level at a time. Node's recursive mkdir loops forever where mkdir answers
 * ENOENT for a parent that exists (`/proc/x`); here every failure is final, and the walk up is bounded by the
 * path's own depth. A directory created here gets a `.gitignore` of `*` (as ruff, pytest and mypy do), so a cache
 * made inside a work tree never shows in `git status`; an existing directory is left as it is (it may be the user's).
 */
export function makeCacheDir(path: string): string {
  const dir = resolve(path);
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new CacheDirError(`cannot use ${at}: ${code ?? (error as Error).message}`);
      if (dirname(at) === at) throw new CacheDirError(`cannot use ${dir}: no existing parent directory`);
      missing.push(at);
      continue;
    }
    if (!isDir) throw new CacheDirError(`${at} is not a directory`);
    break;
  }
  for (const at of missing.reverse()) {
    try {
      // Private: entries hold snippets of the reviewed code.
      mkdirSync(at, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(at).isDirectory()) continue; // a concurrent run
      throw new CacheDirError(`cannot create ${at}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (missing.length > 0) {
    try {
      writeFileSync(join(dir, '.gitignore'), '# Created by pillar: the result cache is never committed.\n*\n');
    } catch {
      // Only cosmetic: the cache works without it.
    }
  }
  return dir;
}
