// Phase 1 of the "raises only these types" facts: for each function of a file, the exception types its own `raise`
// statements name (`raise exception.StorageQuotaFull(...)` → `StorageQuotaFull`), when every one of them names a
// class. A function with a `raise` of a bound object or a bare re-raise has an unknown raise set and no fact. Raises
// caught inside the function still count (a larger set is the cautious answer). Used by the typed-rollback analysis
// (languages/python/resources/typedRollback.ts) to tell a checker of another file that reports by raising the very
// types a handler lists from a step whose failures are open.
import type { PythonModel } from '../languages/python/model.js';
import { raisedTypeNames } from '../languages/python/raisedTypes.js';
import { enclosingFunction } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { RaisesFact } from './types.js';

export function raisesFacts(model: PythonModel, nameOf: (fn: SyntaxNode) => string | null): RaisesFact[] {
  const byFunction = new Map<number, { fn: SyntaxNode; names: Set<string> | null }>();
  for (const r of model.root.descendantsOfType('raise_statement')) {
    const fn = enclosingFunction(r);
    if (!fn) continue;
    const entry = byFunction.get(fn.id) ?? { fn, names: new Set<string>() };
    byFunction.set(fn.id, entry);
    const names = raisedTypeNames(r, fn);
    if (names === null) entry.names = null;
    else for (const n of names) entry.names?.add(n);
  }
  const out: RaisesFact[] = [];
  for (const { fn, names } of byFunction.values()) {
    const name = nameOf(fn);
    if (name !== null && names && names.size > 0) out.push({ name, raises: [...names].sort() });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The file has a handler that lists types, fails the operation (`raise` or `save_and_reraise_exception` in it) and
 * does something besides logging (a call statement: a rollback candidate): the only place a raise set answers
 * anything. Keeps the slice of other files empty (their project-aware rules are not re-run for it).
 */
export function catchesTyped(model: PythonModel): boolean {
  if (!model.source.includes('except ')) return false;
  return model.root.descendantsOfType('except_clause').some((c) => !model.isCatchAll(c) && /\braise\b|save_and_reraise_exception/.test(c.text)
    && c.descendantsOfType('expression_statement').some((s) => {
      const call = s.namedChild(0);
      return call?.type === 'call' && model.loggingCall(call) === null;
    }));
}
