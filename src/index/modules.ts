// Module resolution inside the reviewed tree: which dotted module a file is (`glance/common/utils.py` →
// `glance.common.utils`, a package's `__init__.py` → the package), the source root it belongs to (the directory
// above its top package), and how a relative import or a qualified call name maps to a module of the tree.
// Packages are found by their `__init__.py` among the reviewed paths: a file outside any package is a top-level
// module of its own directory. Deterministic: it depends on the set of paths only.

export interface ModuleInfo { module: string; root: string; isPackage: boolean }

const stripPy = (p: string): string => p.replace(/\.py$/, '');

export class ModuleMap {
  private readonly byPath = new Map<string, ModuleInfo>();
  /** Module name → paths (one per source root; eval trees hold several copies of a project). */
  private readonly byModule = new Map<string, string[]>();

  constructor(paths: readonly string[]) {
    const inits = new Set(paths.filter((p) => p === '__init__.py' || p.endsWith('/__init__.py')).map((p) => p.slice(0, -'__init__.py'.length).replace(/\/$/, '')));
    // Where the climb from each directory ends, by the directory (its first n parts joined; n > 0 makes the join
    // unique; n is -1 for a bare `__init__.py`, which has no module): files share directories, and a merge rebuilt
    // for a one-file change builds this map every time.
    const tops = new Map<string, number>();
    const topOf = (n: number, dir: string): number => {
      if (n <= 0) return n;
      let top = tops.get(dir);
      if (top === undefined) {
        const slash = dir.lastIndexOf('/');
        top = inits.has(dir) ? topOf(n - 1, slash < 0 ? '' : dir.slice(0, slash)) : n;
        tops.set(dir, top);
      }
      return top;
    };
    for (const path of [...paths].sort()) {
      if (!path.endsWith('.py')) continue;
      const parts = stripPy(path).split('/');
      const isPackage = parts.at(-1) === '__init__';
      if (isPackage) parts.pop();
      // Climb while the directory is a package (holds an __init__.py among the reviewed files).
      const top = topOf(parts.length - 1, parts.slice(0, parts.length - 1).join('/'));
      const module = parts.slice(top).join('.');
      const root = parts.slice(0, top).join('/');
      if (module === '') continue;
      this.byPath.set(path, { module, root, isPackage });
      const list = this.byModule.get(module) ?? [];
      list.push(path);
      this.byModule.set(module, list);
    }
  }

  info(path: string): ModuleInfo | undefined {
    return this.byPath.get(path);
  }

  /** The file that is module `module` in the same source root as `fromPath` (or the only one anywhere). */
  fileOf(module: string, fromPath: string): string | undefined {
    const candidates = this.byModule.get(module);
    if (!candidates) return undefined;
    const root = this.byPath.get(fromPath)?.root;
    return candidates.find((p) => this.byPath.get(p)!.root === root) ?? (candidates.length === 1 ? candidates[0] : undefined);
  }

  /**
   * A dotted name as written in `fromPath` made absolute: `:name` (this module's own `name`), `.x.y` / `..x.y`
   * (relative imports, resolved against this module's package), anything else unchanged.
   */
  absolute(name: string, fromPath: string): string | undefined {
    const me = this.byPath.get(fromPath);
    if (name.startsWith(':')) return me ? `${me.module}.${name.slice(1)}` : undefined;
    if (!name.startsWith('.')) return name;
    if (!me) return undefined;
    const dots = /^\.+/.exec(name)![0].length;
    const pkg = me.module.split('.');
    if (!me.isPackage) pkg.pop();
    const base = pkg.slice(0, pkg.length - (dots - 1));
    if (base.length === 0 && dots > 1) return undefined;
    const rest = name.slice(dots);
    return [...base, ...(rest ? [rest] : [])].join('.');
  }

  /** Splits `a.b.c.f` into the longest module prefix known in `fromPath`'s root and the rest (`a.b.c`, `f`). */
  split(qualified: string, fromPath: string): { path: string; module: string; rest: string } | undefined {
    const parts = qualified.split('.');
    for (let i = parts.length - 1; i >= 1; i--) {
      const module = parts.slice(0, i).join('.');
      const path = this.fileOf(module, fromPath);
      if (path) return { path, module, rest: parts.slice(i).join('.') };
    }
    return undefined;
  }
}
