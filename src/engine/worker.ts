// The worker-thread entry of the engine's pool (piscina loads it by file name): one task in, one file's result out.
import { pythonParser } from '../languages/python/parser.js';
import { installNodeMemo } from './nodeMemo.js';
import { runTask } from './task.js';

// Worker threads have a bounded heap (pool.ts), so the memo's extra live objects cost no peak memory there; the
// main thread, whose heap V8 lets grow freely, runs without it (both give the same results, as tests check).
installNodeMemo();

export default runTask;

/** Loads the grammar ahead of the first file, so a file's time limit is not spent on thread start-up. */
export async function warm(): Promise<void> {
  await pythonParser();
}
