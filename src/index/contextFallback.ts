// Phase 1 of the "falls back to an admin context" facts: functions that take a request context as a parameter and,
// when the caller leaves it out (or passes None), make an admin context instead — `if ctxt is None: ctxt =
// context.get_admin_context()`. Such a function answers for every project unless its caller passes the request's
// own context on; the call sites are judged by the rule, across files through the project facts.
import { allFunctions, functionBody, hasReceiver, parameterNames } from '../languages/python/dataflow/functions.js';
import type { PythonModel } from '../languages/python/model.js';
import { descendantsOfType, enclosingFunction, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { ADMIN_CONTEXT_CALLS, ELEVATING_METHODS } from '../models/python/openstack/context.js';
import type { ContextFallbackFact } from './types.js';

/** A call that makes an admin context: a library/project `get_admin_context()` or `<ctx>.elevated()`. */
function isAdminContextCall(model: PythonModel, node: SyntaxNode): boolean {
  const n = unparenthesize(node);
  if (n.type !== 'call') return false;
  const name = model.callName(n) ?? '';
  const last = name.slice(name.lastIndexOf('.') + 1);
  return ADMIN_CONTEXT_CALLS.has(name) || ADMIN_CONTEXT_CALLS.has(last) || ELEVATING_METHODS.has(last);
}

/** `p is None` / `not p` for parameter name `p`. */
function testsMissing(cond: SyntaxNode, p: string): boolean {
  const c = unparenthesize(cond);
  if (c.type === 'not_operator') return unparenthesize(c.childForFieldName('argument')!).text === p;
  if (c.type !== 'comparison_operator') return false;
  const [l, r] = c.namedChildren;
  return l?.text === p && r?.type === 'none' && /\bis\b/.test(c.text) && !/\bis\s+not\b/.test(c.text);
}

/**
 * The functions of this file (module functions and methods of top-level classes, named as in FunctionFacts) that
 * replace a missing context parameter by an admin context; `name(fn)` gives that name or null.
 */
export function contextFallbacks(model: PythonModel, name: (fn: SyntaxNode) => string | null): ContextFallbackFact[] {
  if (!/get_admin_context|elevated\(/.test(model.source)) return [];
  const out: ContextFallbackFact[] = [];
  for (const fn of allFunctions(model.root)) {
    if (fn.type !== 'function_definition') continue;
    const body = functionBody(fn);
    const qualified = body ? name(fn) : null;
    if (!body || qualified === null) continue;
    const offset = hasReceiver(fn) ? 1 : 0;
    const params = parameterNames(fn).filter((p) => p.index >= offset);
    const own = (n: SyntaxNode): boolean => enclosingFunction(n)?.id === fn.id;
    if (params.length === 0) continue;
    // The function's own assignments and if statements, found once for all its parameters.
    const assignments = descendantsOfType(body, 'assignment').filter(own);
    let ifs: SyntaxNode[] | undefined;
    for (const p of params) {
      const assignsAdmin = (a: SyntaxNode): boolean => {
        const right = a.childForFieldName('right');
        if (a.childForFieldName('left')?.text !== p.name || !right) return false;
        const r = unparenthesize(right);
        // `ctxt = ctxt or context.get_admin_context()`
        if (r.type === 'boolean_operator' && r.childForFieldName('operator')?.text === 'or') {
          return r.childForFieldName('left')?.text === p.name && isAdminContextCall(model, r.childForFieldName('right')!);
        }
        if (!isAdminContextCall(model, r)) return false;
        ifs ??= descendantsOfType(body, 'if_statement').filter(own);
        return ifs.some((i) =>
          testsMissing(i.childForFieldName('condition')!, p.name) && i.childForFieldName('consequence')!.startIndex <= a.startIndex && a.endIndex <= i.childForFieldName('consequence')!.endIndex);
      };
      if (assignments.some(assignsAdmin)) {
        out.push({ name: qualified, param: p.name, index: p.index - offset });
        break;
      }
    }
  }
  return out;
}
