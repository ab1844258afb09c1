// Picks the result cache of a CLI run, before any analysis: an unusable --cache-dir is a usage error (exit 2), an
// unusable default only turns the cache off with a warning.
import { UsageError } from '../config/errors.js';
import { CacheDirError, makeCacheDir, userCacheRoot } from './location.js';
import { userKey } from './userKey.js';

export interface CacheChoice {
  /** The directory to cache in; undefined when the run goes without a cache. */
  dir: string | undefined;
  /** Why the default cache is off this run, for one line on stderr. */
  warning?: string;
}

/**
 * The cache directory of a run: `--cache-dir` when given, which must be usable (else a UsageError: the user asked
 * for it), or the user's cache root, which may fail with only a warning. Either way no cache without the user key.
 */
export function chooseCacheDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): CacheChoice {
  let dir: string;
  try {
    dir = makeCacheDir(explicit ?? userCacheRoot(env));
  } catch (error) {
    if (!(error instanceof CacheDirError)) throw error;
    if (explicit !== undefined) throw new UsageError(`--cache-dir ${explicit}: ${error.message}`);
    return { dir: undefined, warning: `result cache off: ${error.message}` };
  }
  const key = userKey(env);
  return key.ok ? { dir } : { dir: undefined, warning: `result cache off: ${key.reason}` };
}
