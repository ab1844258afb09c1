// How a function uses an application's response body it holds, for the wsgi-* rules: a use that only looks at it
// (a test, a header read, hasattr) leaves the close() owed; anything else (closing it, returning it, passing it to a
// call, iterating it, storing it) is taken as discharging it. The tables are src/models/python/wsgi.ts.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { callee } from '../languages/python/syntax.js';
import { BODY_ITERABLE_ATTRIBUTES, CLOSING_FUNCTIONS, CLOSING_METHODS, CONSUMING_ATTRIBUTES, INSPECTING_BUILTINS, SUCCESS_TESTS } from '../models/python/wsgi.js';

/** A name that holds an application's body (or the Response holding it) in one function. */
export interface BodyHandle {
  name: string;
  /** Where it got the body, for evidence. */
  at: SyntaxNode;
  /** The statement binding it, or null for a parameter (held from the function's entry). */
  stmt: SyntaxNode | null;
  /** A Response (its `app_iter` is the body) rather than the iterable itself. */
  response: boolean;
  /** Its request may stream a stored body (no literal HEAD/PUT/… method was given); a parameter's body always may. */
  streams: boolean;
  /** How it got the body, for messages. */
  origin: string;
}

/** `inspects`: the body is still owed after this use; `discharges`: closed, consumed or handed on. */
export type BodyUse = 'inspects' | 'discharges';

const CONDITION_PARTS: ReadonlySet<string> = new Set(['boolean_operator', 'not_operator', 'comparison_operator', 'parenthesized_expression']);
const CONDITION_OWNERS: ReadonlySet<string> = new Set(['if_statement', 'elif_clause', 'while_statement', 'conditional_expression', 'assert_statement']);

/** What one occurrence of the handle's identifier does with the body. */
export function bodyUse(id: SyntaxNode): BodyUse {
  const parent = id.parent;
  if (!parent) return 'discharges';
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === id.id) {
    const attr = parent.childForFieldName('attribute')?.text ?? '';
    if (BODY_ITERABLE_ATTRIBUTES.has(attr) || CONSUMING_ATTRIBUTES.has(attr) || CLOSING_METHODS.has(attr)) return 'discharges';
    // A method of the body or response may do anything with it; a plain attribute read (status, headers) does not.
    return parent.parent?.type === 'call' && parent.parent.childForFieldName('function')?.id === parent.id ? 'discharges' : 'inspects';
  }
  let n: SyntaxNode = id;
  while (n.parent && CONDITION_PARTS.has(n.parent.type)) n = n.parent;
  if (n.parent && CONDITION_OWNERS.has(n.parent.type) && n.parent.childForFieldName('condition')?.id === n.id) return 'inspects';
  if (n.parent?.type === 'assert_statement') return 'inspects';
  if (parent.type === 'argument_list') {
    const call = parent.parent;
    const fn = call ? callee(call) : null;
    if (fn?.type === 'identifier' && INSPECTING_BUILTINS.has(fn.text)) return 'inspects';
  }
  return 'discharges';
}

/** A call that closes `names`' body: `x.close()`, `close_if_possible(x)`, `closing(x)`, on the name or its app_iter. */
export function closesBody(call: SyntaxNode, target: (arg: SyntaxNode) => boolean): boolean {
  const fn = callee(call);
  if (!fn) return false;
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (CLOSING_METHODS.has(method) && target(fn.childForFieldName('object')!)) return true;
  }
  const last = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
  if (!CLOSING_FUNCTIONS.has(last ?? '')) return false;
  const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c !== null);
  return first ? target(first) : false;
}

/**
 * Taking this edge out of an if/elif/while header means the response `names` holds succeeded: `if resp.is_success`,
 * `if is_success(resp.status_int)`, the false branch of their negation, the true branch of an `and` holding one.
 */
export function successEdge(edge: { from: { ast: SyntaxNode | null }; kind: string }, names: ReadonlySet<string>): boolean {
  const ast = edge.from.ast;
  if (!ast || (edge.kind !== 'true' && edge.kind !== 'false')) return false;
  const cond = ast.type === 'if_statement' || ast.type === 'elif_clause' || ast.type === 'while_statement' ? ast.childForFieldName('condition') : null;
  return cond ? implies(cond, edge.kind === 'true', names) : false;
}

function implies(cond: SyntaxNode, truth: boolean, names: ReadonlySet<string>): boolean {
  const c = cond.type === 'parenthesized_expression' ? cond.namedChildren.find((x) => x !== null) ?? cond : cond;
  if (c.type === 'not_operator') {
    const arg = c.childForFieldName('argument');
    return arg ? implies(arg, !truth, names) : false;
  }
  if (c.type === 'boolean_operator') {
    const op = c.childForFieldName('operator')?.text ?? c.children.find((x) => x?.text === 'and' || x?.text === 'or')?.text;
    const parts = [c.childForFieldName('left'), c.childForFieldName('right')].filter((x): x is SyntaxNode => x !== null);
    // `a and b` true: both hold; `a or b` false: neither holds.
    if ((op === 'and' && truth) || (op === 'or' && !truth)) return parts.some((p) => implies(p, truth, names));
    return false;
  }
  return truth && isSuccessTest(c, names);
}

/** `resp.is_success` or `is_success(resp.status_int)` for a handle in `names`. */
function isSuccessTest(node: SyntaxNode, names: ReadonlySet<string>): boolean {
  if (node.type === 'attribute') {
    return SUCCESS_TESTS.has(node.childForFieldName('attribute')?.text ?? '') && names.has(node.childForFieldName('object')?.text ?? '');
  }
  if (node.type !== 'call') return false;
  const fn = callee(node);
  const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  if (!SUCCESS_TESTS.has(last ?? '')) return false;
  const first = node.childForFieldName('arguments')?.namedChildren.find((x) => x !== null);
  return first?.type === 'attribute' && names.has(first.childForFieldName('object')?.text ?? '');
}

interface PathNode { succ: ReadonlyArray<{ to: PathNode; kind: string; from: { ast: SyntaxNode | null } }> }

/**
 * Is a `target` node reachable from `starts` over `edges`, not entering `avoiding`, along a path that takes an edge
 * on which the response succeeded (successEdge) before it gets there? States are (node, succeeded yet).
 */
export function reachedAfterSuccess<N extends PathNode>(starts: readonly N[], target: (n: N) => boolean, options: {
  avoiding: ReadonlySet<N>; edges: ReadonlySet<string>; follow: (e: N['succ'][number]) => boolean; names: ReadonlySet<string>;
}): boolean {
  const seen = new Set<string>();
  const ids = new Map<N, number>();
  const key = (n: N, ok: boolean): string => {
    if (!ids.has(n)) ids.set(n, ids.size);
    return `${ids.get(n)}:${ok ? 1 : 0}`;
  };
  const queue: Array<{ node: N; ok: boolean }> = starts.map((node) => ({ node, ok: false }));
  for (const s of queue) seen.add(key(s.node, false));
  for (let i = 0; i < queue.length; i++) {
    const { node, ok } = queue[i]!;
    if (ok && target(node) && !starts.includes(node)) return true;
    for (const e of node.succ) {
      const to = e.to as N;
      if (!options.edges.has(e.kind) || options.avoiding.has(to) || !options.follow(e)) continue;
      const next = ok || successEdge(e, options.names);
      const k = key(to, next);
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push({ node: to, ok: next });
    }
  }
  return false;
}
