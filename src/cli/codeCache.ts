// Runs a CommonJS bundle (dist/bundle/cli.cjs) with a V8 code cache kept beside it, as Node 22's module compile cache
// would: compiling pillar's 1.2 MB of JavaScript, up front and lazily during the run, is a large part of re-reviewing
// one changed file. The cache is written after a run that compiled without one, so it holds every function that run
// used — and again after a run that reached code the stored one's run did not (its `reach`): the first run of a
// build is usually a cold review, whose rules and analyses run in worker threads, so a later one-file change, which
// analyses in this thread, compiled ~100 rules from source on every run (V8 serialises what is compiled when the
// cache is made, those taken from the cache included, so the new cache holds both). V8 checks only the source's
// length before trusting a cache, so the file also records the source's SHA-256 (a rebuilt bundle never runs on a
// cache of another build) and the cache's own (a damaged file is never deserialised); like the result cache,
// anything that does not check out is ignored and rebuilt.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { Script } from 'node:vm';
import { writeFileAtomically } from '../cache/atomicWrite.js';
import { rememberedDigests } from '../cache/fileDigest.js';

const DIGEST_BYTES = 32;
/** After the two digests: one byte, the reach of the run that made the cache (saveCodeCache). */
const HEADER_BYTES = 2 * DIGEST_BYTES + 1;

const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();

export interface CachedModule<T> {
  exports: T;
  /**
   * Writes the code cache when the module ran without a usable one, or with one made by a run of lower `reach` (0 to
   * 255: how much of the module's code the caller knows this run to have used, 0 by default); failures (a read-only
   * install) are ignored.
   */
  saveCodeCache(reach?: number): void;
}

export function requireWithCodeCache<T>(file: string, cacheFile: string): CachedModule<T> {
  const source = readFileSync(file, 'utf8');
  // Remembered by the bundle's stat signature (cache/fileDigest.ts): hashing its 2 MB was ~7 ms of every run.
  const digest = Buffer.from(rememberedDigests([file], () => source).get(file)!, 'hex');
  let cachedData: Buffer | undefined;
  let storedReach = 0;
  try {
    const stored = readFileSync(cacheFile);
    const sealed = stored.subarray(2 * DIGEST_BYTES);
    if (sealed.length > 1 && stored.subarray(0, DIGEST_BYTES).equals(digest) && stored.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES).equals(sha256(sealed))) {
      storedReach = sealed[0]!;
      cachedData = stored.subarray(HEADER_BYTES);
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
    saveCodeCache: (reach = 0) => {
      if (usable && reach <= storedReach) return;
      const sealed = Buffer.concat([Buffer.from([Math.max(0, Math.min(255, Math.floor(reach)))]), script.createCachedData()]);
      writeFileAtomically(dirname(cacheFile), basename(cacheFile), Buffer.concat([digest, sha256(sealed), sealed]));
    },
  };
}
