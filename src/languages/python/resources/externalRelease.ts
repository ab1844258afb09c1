// Releases of resources that live outside the process (src/models/python/resources.ts EXTERNAL_RELEASES), and
// whether such a call can fail at all: a callee defined in the same file whose every exception is handled inside
// it (`def _delete_port(...): try: ... except Exception: LOG...`) cannot abort its caller's loop.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { ExternalRelease } from '../../../analysis/resources/spec.js';
import { EXTERNAL_RELEASES, IGNORE_ERRORS_KEYWORDS, IN_PROCESS_RELEASE_RECEIVER, SELF_HANDLING_RELEASES } from '../../../models/python/resources.js';
import { cfgOf } from '../cfg/index.js';
import { headerParts } from '../cfg/raises.js';
import type { PythonModel } from '../model.js';
import { callee, calleeName, descendantsOfType, keywordArg } from '../syntax.js';
import { matchesCall } from './match.js';

/**
 * The modelled external resource `call` releases, or null. A callee defined in this file is judged by its body
 * ("released by a callee": `self._delete_port(p)` whose body calls `neutron.delete_port`), one level deep; its
 * name alone says nothing (a storage driver's own `self.delete_volume(v)` releases whatever its body does).
 */
export function externalRelease(model: PythonModel, call: SyntaxNode, depth = 1): ExternalRelease | null {
  // Asked of the same calls by several analyses (typed rollback, leaks, cleanup loops), and of every call of a local
  // callee each time a call of it is asked: memoised per model, call and depth.
  if (depth < 0 || depth > 1) return releaseOf(model, call, depth);
  let memo = memos.get(model);
  if (!memo) memos.set(model, memo = new Map());
  const key = call.id * 2 + depth;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const found = releaseOf(model, call, depth);
  memo.set(key, found);
  return found;
}

const memos = new WeakMap<PythonModel, Map<number, ExternalRelease | null>>();

function releaseOf(model: PythonModel, call: SyntaxNode, depth: number): ExternalRelease | null {
  const fn = callee(call);
  const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (object && IN_PROCESS_RELEASE_RECEIVER.test(object.text)) return null;
  const local = localCallee(model, call);
  if (local) {
    if (depth === 0) return null;
    for (const inner of descendantsOfType(local.childForFieldName('body')!, 'call')) {
      // Its job must be releasing: a release only in its own except/finally is the rollback of something it makes.
      if (inClause(inner, local)) continue;
      const found = externalRelease(model, inner, depth - 1);
      if (found) return found;
    }
    return null;
  }
  const qualified = model.callName(call);
  return EXTERNAL_RELEASES.find((r) => matchesCall(call, r.call, r.call.name !== undefined ? qualified : null)) ?? null;
}

function inClause(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) if (n.type === 'except_clause' || n.type === 'finally_clause') return true;
  return false;
}

/**
 * The function `call` runs when it is defined in this file: `self.m()` in the enclosing class, `f()` through the
 * name's bindings (model.definitionOf).
 */
export function localCallee(model: PythonModel, call: SyntaxNode): SyntaxNode | null {
  const fn = callee(call);
  return fn ? model.definitionOf(fn) : null;
}

/**
 * False when the call is a release documented to handle its own failures, is asked not to raise
 * (`ignore_errors=True`), or its callee is defined in this file and
 * no failure of a call in it (nor a `raise`) can leave it: each is inside a handler that catches it and does not
 * raise again. A subscript or attribute error is a programming error, not the failure of a release. Calls whose
 * body we cannot see may raise.
 */
export function callMayRaise(model: PythonModel, call: SyntaxNode): boolean {
  if (SELF_HANDLING_RELEASES.has(calleeName(call) ?? '')) return false;
  if (IGNORE_ERRORS_KEYWORDS.some((k) => keywordArg(call, k)?.type === 'true')) return false;
  const def = localCallee(model, call);
  if (!def) return true;
  const cfg = cfgOf(model, def);
  const live = cfg.reachableFromEntry();
  for (const n of cfg.nodes) {
    if (n.kind !== 'statement' || !n.ast || !live.has(n) || !n.succ.some((e) => e.kind === 'exception')) continue;
    const fails = n.ast.type === 'raise_statement' || headerParts(n.ast).some((p) => (p.type === 'call' ? [p] : []).concat(descendantsOfType(p, 'call')).some((c) => !model.loggingCall(c)));
    if (fails && cfg.exceptionEscapePath(n.ast, { to: 'raise' })) return true;
  }
  return false;
}
