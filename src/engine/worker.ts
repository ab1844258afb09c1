// The worker-thread entry of the engine's pool (piscina loads it by file name): one task in, one file's result out.
import { pythonParser } from '../languages/python/parser.js';
import { runTask } from './task.js';

export default runTask;

/** Loads the grammar ahead of the first file, so a file's time limit is not spent on thread start-up. */
export async function warm(): Promise<void> {
  await pythonParser();
}
