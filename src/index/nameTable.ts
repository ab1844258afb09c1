// A table keyed by qualified names `module.local` (functions, context fallbacks, raise sets, policy constants) answered
// without building it: a merge rebuilt from the last one's index (engine/projectPhase.ts) asks about the names one
// changed file reaches, and building nova's 22,500 function names for those cost more than the rest of the re-review.
// The answer is the one a Map filled file by file would give: files in path order, each file's entries in its
// order, a later one replacing an earlier one of the same name (`a.b.c` is both module `a`'s `b.c` and `a.b`'s `c`).
import type { ModuleMap } from './modules.js';

/** What ProjectFacts asks of such a table: a Map answers it too. */
export interface NameTable<T> {
  has(name: string): boolean;
  get(name: string): T | undefined;
}

export class LazyNameTable<T> implements NameTable<T> {
  private readonly memo = new Map<string, T | undefined>();

  /**
   * `byModule`: each module's files (any source root); `entriesOf`: a file's entries as (local name, value), in its
   * order, read when a name could be the file's.
   */
  constructor(
    private readonly byModule: ReadonlyMap<string, readonly string[]>,
    private readonly entriesOf: (path: string) => ReadonlyArray<readonly [string, T]>,
  ) {}

  /** Each module's files, from the module map of `paths`. */
  static modulesOf(modules: ModuleMap, paths: readonly string[]): Map<string, string[]> {
    const byModule = new Map<string, string[]>();
    for (const path of paths) {
      const module = modules.info(path)?.module;
      if (module === undefined) continue;
      const list = byModule.get(module);
      if (list) list.push(path);
      else byModule.set(module, [path]);
    }
    return byModule;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get(name: string): T | undefined {
    if (this.memo.has(name)) return this.memo.get(name);
    let best: { path: string; value: T } | undefined;
    // Every split of the name at a dot into a module and a local name.
    for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
      const paths = this.byModule.get(name.slice(0, dot));
      if (!paths) continue;
      const local = name.slice(dot + 1);
      for (const path of paths) {
        // The file latest in path order wins, as it was set last.
        if (best && path < best.path) continue;
        let found: { value: T } | undefined;
        for (const [n, value] of this.entriesOf(path)) if (n === local) found = { value };
        if (found) best = { path, value: found.value };
      }
    }
    this.memo.set(name, best?.value);
    return best?.value;
  }
}
