// Phase 1 of the "raises only these types" facts: for each function of a file, the exception types its own `raise`
// statements name (`raise exception.StorageQuotaFull(...)` → `StorageQuotaFull`), when every one of them names a
// class. A function with a `raise` of a bound object or a bare re-raise has an unknown raise set and no fact. Raises
// caught inside the function still count (a larger set is the cautious answer). Used by the typed-rollback analysis
// (languages/python/resources/typedRollback.ts) to tell a checker of another file that reports by raising the very
// types a handler lists from a step whose failures are open.
import { allFunctions } from '../languages/python/dataflow/functions.js';
import type { PythonModel } from '../languages/python/model.js';
import { raisedTypeNames } from '../languages/python/raisedTypes.js';
import { callee, calleeName, descendantsOfType, enclosingFunction } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { TOTAL_BUILTINS, TOTAL_METHODS } from '../models/python/nonRaising.js';
import type { RaisesFact } from './types.js';

/** What can make a body raise: statements that do, subscript reads, calls. */
const FAILING_NODES: ReadonlySet<string> = new Set(['raise_statement', 'assert_statement', 'delete_statement', 'subscript', 'call', 'await', 'yield']);
/** Same-file callees followed this deep when judging whether a body can raise. */
const CALLEE_DEPTH = 2;

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

/**
 * Functions whose bodies cannot raise (`def to_model(port): return Port(id=port.id, ips=[ip(i) for i in
 * port.fixed_ips])`): nowhere in the body a `raise`, `assert` or `del`, no subscript read (a missing key raises), only
 * calls that cannot fail — logging, total builtins and container methods (models/python/nonRaising.ts), a class
 * called to build a value (the leak rules' own judgement of `Class(...)` in the function itself), or a function of
 * this file that passes the same test. Read by the resource-leak rules through the slice, so a converter of another
 * file called between a creation and its release is not taken for a step that fails. Module-level functions only:
 * a method's body (an abstract driver's `pass`) says nothing of the override a call may reach.
 */
export function nonRaisingFunctions(model: PythonModel, nameOf: (fn: SyntaxNode) => string | null): string[] {
  const out: string[] = [];
  for (const fn of allFunctions(model.root)) {
    if (fn.type !== 'function_definition') continue;
    const name = nameOf(fn);
    if (name !== null && !name.includes('.') && bodyCannotRaise(model, fn, CALLEE_DEPTH)) out.push(name);
  }
  return out.sort();
}

/** Judged on the whole body, dead code included (no graph is built for it: phase 1 asks every function of every file). */
function bodyCannotRaise(model: PythonModel, fn: SyntaxNode, depth: number): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const nodes = descendantsOfType(body, FAILING_NODES);
  if (nodes.some((n) => n.type !== 'subscript' && n.type !== 'call')) return false;
  if (nodes.some((n) => n.type === 'subscript' && !isStoreTarget(n))) return false;
  return nodes.every((n) => n.type !== 'call' || callCannotFail(model, n, depth));
}

function callCannotFail(model: PythonModel, call: SyntaxNode, depth: number): boolean {
  const name = calleeName(call) ?? '';
  const f = callee(call);
  if (f?.type === 'attribute' ? TOTAL_METHODS.has(name) : TOTAL_BUILTINS.has(name)) return true;
  // A class called to build a value, by Python's naming convention.
  if (/^[A-Z]/.test(name)) return true;
  if (model.loggingCall(call) !== null) return true;
  // Only a plain name can be a function of this file here (module-level functions have no `self`).
  const def = depth > 0 && f?.type === 'identifier' ? model.definitionOf(f) : null;
  return def?.type === 'function_definition' && bodyCannotRaise(model, def, depth - 1);
}

/** `d[k] = v`: a subscript written, which does not look the key up. */
function isStoreTarget(sub: SyntaxNode): boolean {
  const p = sub.parent;
  return p?.type === 'assignment' && p.childForFieldName('left')?.id === sub.id;
}
