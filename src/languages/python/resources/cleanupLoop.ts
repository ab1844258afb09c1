// A loop that releases one resource per iteration: does a failure of one release leave the loop (so the remaining
// items are never released), or does a handler inside the iteration contain it? Python front-end of the engine's
// `escapesIteration` (src/analysis/resources/typestate.ts): it supplies the loop's extent, its handlers and which
// re-raises are the caller's choice.
import type { SyntaxNode } from '../../syntaxTree.js';
import { escapesIteration } from '../../../analysis/resources/typestate.js';
import type { Cfg, CfgNode } from '../cfg/index.js';
import { descendantsOfType } from '../syntax.js';

const HANDLERS = new Set(['except_clause', 'except_group_clause']);

/**
 * `except X: if not ignore_errors: raise` — the re-raise sits under a condition on the function's own parameters
 * only: the caller chose between "stop at the first failure" and "keep going", so stopping is not a defect here.
 */
function reraiseIsCallersChoice(raise: SyntaxNode, handler: SyntaxNode, isParameter: (id: SyntaxNode) => boolean): boolean {
  for (let n = raise.parent; n && n.id !== handler.id; n = n.parent) {
    if (n.type !== 'if_statement' && n.type !== 'elif_clause') continue;
    const cond = n.childForFieldName('condition');
    // `if tolerate:` — the condition may be the identifier itself, which has no identifier descendants.
    const ids = !cond ? [] : cond.type === 'identifier' ? [cond] : descendantsOfType(cond, 'identifier').filter((i) => i.parent?.type !== 'attribute' || i.parent.childForFieldName('object')?.id === i.id);
    if (ids.length > 0 && ids.every(isParameter)) return true;
  }
  return false;
}

/**
 * `with excutils.save_and_reraise_exception() as ctxt: if cleanup_disks: ctxt.reraise = False` — the same choice made
 * through oslo's re-raising context: whether the failure propagates depends only on the function's parameters.
 */
function reraiseSwitchIsCallersChoice(withExit: SyntaxNode, handler: SyntaxNode, isParameter: (id: SyntaxNode) => boolean): boolean {
  let stmt: SyntaxNode | null = withExit;
  while (stmt && stmt.type !== 'with_statement' && stmt.id !== handler.id) stmt = stmt.parent;
  if (stmt?.type !== 'with_statement') return false;
  return descendantsOfType(stmt, 'assignment').some((a) => /(^|\.)reraise$/.test(a.childForFieldName('left')?.text ?? '') && a.childForFieldName('right')?.type === 'false' && reraiseIsCallersChoice(a, handler, isParameter));
}

/**
 * Follows an exception raised by `call` within `loop`'s iteration. Null when it gets back to the loop header (a
 * handler continued); otherwise the handler that lets it leave the loop's code (null handler: nothing caught it).
 */
export function releaseFailureLeavesLoop(cfg: Cfg, call: SyntaxNode, loop: SyntaxNode, isParameter: (id: SyntaxNode) => boolean): { handler: SyntaxNode | null } | null {
  const inside = (n: CfgNode): boolean => !!n.ast && n.ast.startIndex >= loop.startIndex && n.ast.endIndex <= loop.endIndex;
  const targets = cfg.nodesAt(call).flatMap((n) => n.succ.filter((e) => e.kind === 'exception').map((e) => e.to));
  return escapesIteration<CfgNode, SyntaxNode>(targets, {
    inside,
    headers: new Set(cfg.nodesOf(loop).filter((n) => n.kind === 'statement')),
    handlerAt: (n) => (n.ast && HANDLERS.has(n.ast.type) ? n.ast : null),
    sameHandler: (n, h) => n.ast?.id === h.id,
    // In a handler, a `raise` or the end of a `with` (which may re-raise) carries the failure on.
    rethrows: (n) => n.ast?.type === 'raise_statement' || n.kind === 'with-exit',
    callersChoice: (n, h) => !!n.ast && (n.kind === 'with-exit' ? reraiseSwitchIsCallersChoice(n.ast, h, isParameter) : reraiseIsCallersChoice(n.ast, h, isParameter)),
  }) ?? null;
}

/**
 * The `try` whose clause `handler` lets a release's failure leave the loop also has a clause (that one or a sibling)
 * whose normal flow goes back to the loop's header: `except ClientError as e: if e.status == 404: log, else: raise`,
 * or `except NotFound: log` beside `except CloudError: raise`. Its author treats some failures of this release as
 * survivable per item, so the loop is meant to go on past a failed item; the failures it re-raises then leave every
 * later item unreleased.
 */
export function tryGoesOnForSomeFailures(cfg: Cfg, handler: SyntaxNode, loop: SyntaxNode): boolean {
  const clauses = handler.parent?.type === 'try_statement' ? handler.parent.namedChildren.filter((c): c is SyntaxNode => c !== null && HANDLERS.has(c.type)) : [handler];
  return clauses.some((clause) => clauseGoesOn(cfg, clause, loop));
}

function clauseGoesOn(cfg: Cfg, clause: SyntaxNode, loop: SyntaxNode): boolean {
  const headers = new Set(cfg.nodesOf(loop).filter((n) => n.kind === 'statement'));
  const inClause = (n: CfgNode): boolean => !!n.ast && n.ast.startIndex >= clause.startIndex && n.ast.endIndex <= clause.endIndex;
  const inLoop = (n: CfgNode): boolean => !!n.ast && n.ast.startIndex >= loop.startIndex && n.ast.endIndex <= loop.endIndex;
  // Start in the clause's body: the clause test's other edge goes to the next clause, which is not this one.
  const stack = cfg.nodesOf(clause).flatMap((n) => n.succ.filter((e) => e.kind !== 'exception' && inClause(e.to)).map((e) => e.to));
  const seen = new Set<CfgNode>();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (headers.has(n)) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    // Normal flow only: an exception inside the clause is not the clause deciding to go on. (The exit of a `with`
    // entered in it, as `save_and_reraise_exception()`, continues on the exception's path: not normal flow.)
    for (const e of n.succ) if (e.kind !== 'exception' && (headers.has(e.to) || inLoop(e.to))) stack.push(e.to);
  }
  return false;
}
