// A worker whose every file takes `SLEEP_MS` (blocking, like a real analysis), marking each file's start as the
// real worker does (src/engine/startClock.ts); batches (no `path`) too, file by file.
const SLEEP_MS = 250;
const nap = new Int32Array(new SharedArrayBuffer(4));

function one(start) {
  if (start) Atomics.store(start.cells, start.index, BigInt(Date.now()));
  Atomics.wait(nap, 0, 0, SLEEP_MS);
  return { findings: [], diagnostics: [], suppressed: 0 };
}

export default function sleep(input) {
  return 'batch' in input ? input.batch.map(() => one(input.start)) : one(input.start);
}

export function warm() {}
