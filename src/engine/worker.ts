// The worker-thread entry of the engine's pool (piscina loads it by file name): one task in, one file's result out,
// or a batch of small files in, their results out in the same order.
import type { FileAnalysis } from './analyzePython.js';
import { pythonParser } from '../languages/python/parser.js';
import type { WorkerInput } from './pool.js';
import { markStart } from './startClock.js';
import { runTask } from './task.js';

export default async function analyse(input: WorkerInput): Promise<FileAnalysis | FileAnalysis[]> {
  if (!('batch' in input)) {
    markStart(input.start);
    return runTask(input);
  }
  const results: FileAnalysis[] = [];
  for (const task of input.batch) {
    markStart(input.start);
    results.push(await runTask(task));
  }
  return results;
}

/** Loads the grammar ahead of the first file, so a file's time limit is not spent on thread start-up. */
export async function warm(): Promise<void> {
  await pythonParser();
}
