// Cache files (and the command's code cache) are replaced whole, never seen half-written: written beside their final
// name, then renamed over it. Synchronous on purpose: they are written once, at the end of a run with nothing else to do, and the promise
// versions wait for libuv's thread pool (35-40 ms of a 0.4 s re-review when the pool was slow to answer).
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeCacheDir } from './location.js';

/** Writes `dir/name` atomically; answers false (leaving no temporary file) when it cannot. */
export function writeFileAtomically(dir: string, name: string, data: string | Uint8Array): boolean {
  const file = join(dir, name);
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // Not Node's recursive mkdir, which never returns for some paths (`/proc/x`).
    makeCacheDir(dir);
    writeFileSync(temp, data);
    renameSync(temp, file);
    return true;
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The directory itself is unusable (a file in its place, no permission): nothing was written there either.
    }
    return false;
  }
}
