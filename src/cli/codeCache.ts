// Runs a CommonJS bundle (dist/bundle/cli.cjs) with a V8 code cache kept beside it, as Node 22's module compile cache
// would: compiling pillar's 1.2 MB of JavaScript, up front and lazily during the run, is a large part of re-reviewing
// one changed file. The cache is written after a run that compiled without one, so it holds every function that run
// used. V8 checks only the source's length before trusting a cache, so the file also records the source's SHA-256 (a
// rebuilt bundle never runs on a cache of another build) and the cache's own (a damaged file is never deserialised);
// like the result cache, anything that does not check out is ignored and rebuilt.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { Script } from 'node:vm';
import { writeFileAtomically } from '../cache/atomicWrite.js';

const DIGEST_BYTES = 32;

const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();

export interface CachedModule<T> {
  exports: T;
  /** Writes the code cache when the module ran without a usable one; failures (a read-only install) are ignored. */
  saveCodeCache(): void;
}

export function requireWithCodeCache<T>(file: string, cacheFile: string): CachedModule<T> {
  const source = readFileSync(file, 'utf8');
  const digest = sha256(source);
  let cachedData: Buffer | undefined;
  try {
    const stored = readFileSync(cacheFile);
    const data = stored.subarray(2 * DIGEST_BYTES);
    if (data.length > 0 && stored.subarray(0, DIGEST_BYTES).equals(digest) && stored.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES).equals(sha256(data))) {
      cachedData = data;
    }
  } catch {
    // No cache yet: the first run after a build compiles everything.
  }
  // The wrapper shares the first line with the source, so stack traces keep their line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, dirname(file));
  const usable = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    saveCodeCache: () => {
      if (usable) return;
      const data = script.createCachedData();
      writeFileAtomically(dirname(cacheFile), basename(cacheFile), Buffer.concat([digest, sha256(data), data]));
    },
  };
}
