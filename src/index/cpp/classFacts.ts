// C/C++ project facts: the classes each file declares (members with types and default initialisers, constructors,
// methods: languages/cpp/classes.ts), the headers it includes and the classes whose methods it defines out of line.
// The merge pairs a `.cpp` that defines `Foo::Foo()` with the header that declares `class Foo`, so a rule on the
// `.cpp` sees the members the constructor must set. Resolution is by the class's name (namespaces aside) among the
// reviewed files, preferring the headers the file includes, then the nearest directory; an ambiguous name gives no
// fact. Nothing is expanded: a class declared through a macro or in a header outside the reviewed tree stays unknown.
import type { ClassShape } from '../../languages/cpp/classes.js';
import { declaredClasses, qualifierNames } from '../../languages/cpp/classes.js';
import type { CppModel } from '../../languages/cpp/model.js';
import { baseName, className, functionName } from '../../languages/cpp/syntax.js';
import { FACTS_VERSION, type FileFacts } from '../types.js';

/** A class as another file declares it: its shape and that file's path. */
export type CppClassFact = ClassShape & { file: string };

export interface CppFileFacts {
  /** The classes with a body in this file. */
  classes: ClassShape[];
  /** `#include` paths as written, distinct, sorted. */
  includes: string[];
  /** Qualifiers of the out-of-line function definitions (`QtWaylandClient::Foo` for `QtWaylandClient::Foo::bar`), distinct, sorted. */
  defines: string[];
  /** The qualifiers among `defines` whose constructor this file defines (`Foo` for `Foo::Foo()`), distinct, sorted. */
  constructs: string[];
}

const sortedDistinct = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

export function extractCppFacts(model: CppModel): FileFacts {
  const classes = declaredClasses(model.root).map((c) => c.shape);
  const defines: string[] = [];
  const constructs: string[] = [];
  for (const fn of model.root.descendantsOfType('function_definition')) {
    const name = functionName(fn);
    const q = name ? className(name) : null;
    if (!q) continue;
    defines.push(q);
    if (baseName(q) === baseName(name!)) constructs.push(q);
  }
  return {
    version: FACTS_VERSION, path: model.path, options: [], reads: [], calls: [], imports: [], functions: [], policies: [],
    policyConstants: [], contextFallbacks: [], raises: [], catchesTyped: false, scoping: [], asksScoping: false,
    cpp: { classes, includes: sortedDistinct(model.includes), defines: sortedDistinct(defines), constructs: sortedDistinct(constructs) },
  };
}

/**
 * A class whose constructors another file may leave members unset in: it declares a constructor (none `= default`)
 * and a scalar or pointer member without a default initialiser. Only these go into slices: any other class answers
 * like an unknown one, and a slice that is not empty costs the file a second run of its project-aware rules.
 */
function canLeaveUnset(c: ClassShape): boolean {
  return c.ctors > 0 && !c.defaulted && c.members.some((m) => !m.initialised && (m.scalar || m.pointer));
}

const dirOf = (p: string): string => p.slice(0, p.lastIndexOf('/') + 1);
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function commonPrefix(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** The classes of every file, by the last component of their path (`Foo` for `Outer::Foo`), files in path order. */
export class CppClassIndex {
  private readonly byName = new Map<string, CppClassFact[]>();

  constructor(files: Iterable<FileFacts>) {
    for (const f of files) {
      for (const c of f.cpp?.classes ?? []) {
        const last = c.path.slice(c.path.lastIndexOf(':') + 1);
        const list = this.byName.get(last) ?? [];
        list.push({ ...c, file: f.path });
        this.byName.set(last, list);
      }
    }
  }

  /**
   * The declaration of the class a qualifier of `facts`'s file names, when one other file holds it unambiguously:
   * among the candidates, those in a header the file includes (by the include's trailing path), else all; of those,
   * the ones sharing the longest directory prefix with the file (eval and vendored trees hold several copies).
   */
  resolve(qualifier: string, facts: FileFacts): CppClassFact | undefined {
    const last = qualifier.slice(qualifier.lastIndexOf(':') + 1);
    const all = (this.byName.get(last) ?? []).filter((c) => c.file !== facts.path && qualifierNames(qualifier, c.path));
    if (all.length === 0) return undefined;
    const includes = facts.cpp?.includes ?? [];
    const included = all.filter((c) => includes.some((inc) => c.file === inc || c.file.endsWith(`/${inc}`) || baseOf(c.file) === baseOf(inc)));
    const pool = included.length > 0 ? included : all;
    const here = dirOf(facts.path);
    const best = Math.max(...pool.map((c) => commonPrefix(dirOf(c.file), here)));
    const nearest = pool.filter((c) => commonPrefix(dirOf(c.file), here) === best);
    // The longest qualifier match wins (`A::Foo` over `Foo`); two different declarations left: no fact.
    const depth = Math.max(...nearest.map((c) => c.path.length));
    const chosen = nearest.filter((c) => c.path.length === depth);
    const first = chosen[0]!;
    const same = (c: CppClassFact): boolean => JSON.stringify({ ...c, file: '' }) === JSON.stringify({ ...first, file: '' });
    return chosen.every(same) ? first : undefined;
  }

  /**
   * The classes other files declare whose constructors `facts`'s file defines, by qualifier as written; undefined
   * when none. A file that only defines other methods gets none: nothing it holds can leave a member unset.
   */
  sliceFor(facts: FileFacts): Record<string, CppClassFact> | undefined {
    const cpp = facts.cpp;
    if (!cpp) return undefined;
    const out: Record<string, CppClassFact> = {};
    for (const q of cpp.constructs) {
      // A class this file declares itself is the file's own business.
      if (cpp.classes.some((c) => qualifierNames(q, c.path))) continue;
      const c = this.resolve(q, facts);
      if (c && canLeaveUnset(c)) out[q] = c;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
}
