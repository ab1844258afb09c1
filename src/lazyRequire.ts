// Loads a dependency the first time a code path needs it. Start-up time is part of re-reviewing one changed file,
// and parsers for config files, schema compilers, diff parsers, progress bars and the worker pool each cost
// 10-40 ms to load, in runs that mostly never use them. Every package named here ships a CommonJS entry point.
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(specifier) as T);
}
