// The pool's worker entry in the bundled command (scripts/bundle.ts builds it into dist/bundle/worker.js): it runs
// the bundled worker code (dist/bundle/worker.cjs) through the V8 code cache kept beside it, as bin/pillar.js does
// for the main thread. Without one, every worker thread compiled the 1.2 MB of pillar's code it runs from source,
// each on its own, in every review. The per-module build (dist/engine/worker.js) stays what runs from sources.
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from '../cli/codeCache.js';
import type * as Worker from './worker.js';

const file = fileURLToPath(new URL('./worker.cjs', import.meta.url));
const worker = requireWithCodeCache<typeof Worker>(file, `${file}.cache`);

export default worker.exports.default;
export const warm = worker.exports.warm;

/**
 * Writes the code cache when this thread ran without a usable one; the pool asks one thread at the end of a run
 * that analysed files, so the cache holds the functions an analysis compiles (see WorkerPool.close).
 */
export function saveCodeCache(): void {
  worker.saveCodeCache();
}
