// try/except/else/finally and `with` for the CFG builder. Both are "cleanup frames": code that runs on every way out
// of a region — normal completion, an exception, return, break, continue — and then resumes that way out.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { CfgBuilder, Frame, JumpKind } from './builder.js';
import type { CfgNode, Pending } from './types.js';

const CATCH_ALL = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

/** Context managers whose `__exit__` swallows the exceptions they were given (so flow resumes after the with). */
const SUPPRESSING = /(^|\.)suppress$/;
/**
 * Context managers that re-raise the exception being handled when their block completes normally: oslo's
 * `excutils.save_and_reraise_exception()`. Its block may opt out with `ctxt.reraise = False`.
 */
const RERAISING = /(^|\.)save_and_reraise_exception$/;

function clauseTypes(clause: SyntaxNode): SyntaxNode | null {
  const value = clause.childForFieldName('value');
  return value?.type === 'as_pattern' ? value.namedChild(0) : value;
}

/** A bare `except:` or one naming Exception/BaseException (alone or in a tuple). */
export function isCatchAll(clause: SyntaxNode): boolean {
  const types = clauseTypes(clause);
  if (!types) return true;
  const names = types.type === 'tuple' || types.type === 'parenthesized_expression' ? types.namedChildren : [types];
  return names.some((n) => n !== null && CATCH_ALL.has(n.text));
}

function isGroupClause(clause: SyntaxNode): boolean {
  return clause.type === 'except_group_clause' || clause.children.some((c) => c?.type === '*');
}

/*
 * How `finally` is built. Each way into the finally block gets its own copy of the block, and each copy resumes
 * the way it came in. For
 *
 *     for x in xs:
 *         try:
 *             f(x)          ── exception ──┐
 *             if x: break   ── break ──────┼───┐
 *         finally:                         │   │
 *             cleanup()                    │   │
 *                                          ▼   ▼
 *                normal ──► [finally/normal] [finally/raise] [finally/break]
 *                                │               │               │
 *                           next statement   outer handler    after the loop
 *                                            or raise-exit
 *
 * A single shared copy would let an exception path leave the finally towards "next statement" and a normal path
 * leave it towards the raise exit; rules asking "can this exception escape without running Y?" would then see
 * paths that Python never takes. Pyright gets the same precision with a gate node and context-sensitive
 * traversal; copies keep our queries plain graph searches. Copies are made lazily (only for jumps that occur) and
 * once per (finally, jump kind), so nesting multiplies them only by the kinds of jumps actually present.
 */
export function buildTry(b: CfgBuilder, stmt: SyntaxNode, pending: Pending[]): Pending[] {
  const clauses = stmt.namedChildren.filter((c): c is SyntaxNode => c !== null && (c.type === 'except_clause' || c.type === 'except_group_clause'));
  const orelse = stmt.namedChildren.find((c) => c?.type === 'else_clause') ?? null;
  const final = stmt.namedChildren.find((c) => c?.type === 'finally_clause') ?? null;
  const finalBlock = final?.namedChildren.find((c) => c?.type === 'block') ?? null;

  let cleanup: Extract<Frame, { kind: 'cleanup' }> | null = null;
  if (final) {
    cleanup = {
      kind: 'cleanup', entryKind: 'finally', ast: final, copies: new Map(),
      build: (entry) => (finalBlock ? b.block(finalBlock, [{ node: entry, kind: 'normal' }]) : [{ node: entry, kind: 'normal' }]),
    };
    b.frames.push(cleanup);
  }
  let dispatch: CfgNode | null = null;
  if (clauses.length > 0) {
    dispatch = b.cfg.addNode('dispatch', stmt);
    b.frames.push({ kind: 'handlers', dispatch });
  }
  const body = stmt.childForFieldName('body');
  let completed = body ? b.block(body, pending) : pending;
  if (dispatch) b.frames.pop();
  // `else` runs after the body completes normally; its exceptions are not caught by these handlers.
  const elseBody = orelse?.childForFieldName('body');
  if (elseBody) completed = b.block(elseBody, completed);

  const after: Pending[] = [...completed];
  if (dispatch) {
    let unmatched: Pending[] = [{ node: dispatch, kind: 'exception' }];
    let previousEnd: Pending[] = [];
    for (const clause of clauses) {
      // except* may run several handlers for one group: a handler's end also leads to the next clause's test.
      const group = isGroupClause(clause);
      const test = b.node(clause, group ? [...unmatched, ...previousEnd] : unmatched, { raises: false });
      const handler = clause.namedChildren.find((c) => c?.type === 'block');
      const end = handler ? b.block(handler, [{ node: test, kind: 'true' }]) : [{ node: test, kind: 'true' as const }];
      if (group) previousEnd = end;
      else after.push(...end);
      unmatched = isCatchAll(clause) ? [] : [{ node: test, kind: 'false' }];
    }
    after.push(...previousEnd);
    // An exception no clause matches propagates (through this try's finally, which is still on the stack).
    b.jump(unmatched.map((p) => ({ node: p.node, kind: 'exception' })), 'raise');
  }
  if (!cleanup) return after;
  b.frames.pop();
  if (after.length === 0) return [];
  const entry = b.cfg.addNode('finally', final!, 'normal');
  b.connect(after, entry);
  return cleanup.build(entry, 'normal');
}

/**
 * `with A as a, B as b: body` is `with A as a: with B as b: body`. Each item's `__enter__` is a node (it may raise;
 * then only the items entered before it are exited), and its `__exit__` is a cleanup frame like `finally`.
 */
export function buildWith(b: CfgBuilder, stmt: SyntaxNode, pending: Pending[]): Pending[] {
  const items = stmt.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren.filter((c): c is SyntaxNode => c?.type === 'with_item') ?? [];
  const body = stmt.childForFieldName('body');
  let current = pending;
  const frames: Array<Extract<Frame, { kind: 'cleanup' }>> = [];
  const absorbed: Pending[] = [];
  for (const item of items) {
    const enter = b.node(item, current);
    current = [{ node: enter, kind: 'normal' }];
    const manager = contextManagerName(item);
    const suppressing = manager !== null && SUPPRESSING.test(manager);
    const frame: Extract<Frame, { kind: 'cleanup' }> = {
      kind: 'cleanup', entryKind: 'with-exit', ast: item, copies: new Map(),
      build: (entry) => [{ node: entry, kind: 'normal' }],
      absorbs: suppressing ? (jump: JumpKind) => (jump === 'raise' ? absorbed : null) : undefined,
    };
    frames.push(frame);
    b.frames.push(frame);
  }
  current = body ? b.block(body, current) : current;
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i]!;
    b.frames.pop();
    if (current.length === 0) continue;
    const exit = b.cfg.addNode('with-exit', frame.ast, 'normal');
    b.connect(current, exit);
    const manager = contextManagerName(frame.ast);
    if (manager !== null && RERAISING.test(manager) && body) {
      const optOut = optsOutOfReraise(frame.ast, body);
      if (optOut !== 'always') b.jump([{ node: exit, kind: 'exception' }], 'raise');
      current = optOut !== 'never' ? [{ node: exit, kind: 'normal' }] : [];
    } else {
      current = [{ node: exit, kind: 'normal' }];
    }
  }
  return [...current, ...absorbed];
}

/** The dotted name of the callable a with item calls (`excutils.save_and_reraise_exception`), or null. */
function contextManagerName(item: SyntaxNode): string | null {
  let value = item.childForFieldName('value');
  if (value?.type === 'as_pattern') value = value.namedChild(0);
  if (value?.type !== 'call') return null;
  const fn = value.childForFieldName('function');
  return fn && (fn.type === 'identifier' || fn.type === 'attribute') ? fn.text : null;
}

/**
 * `with save_and_reraise_exception() as ctxt: ... ctxt.reraise = False` completes without re-raising: 'always' when
 * the opt-out is a top-level statement of the block, 'maybe' when it sits under a condition.
 */
function optsOutOfReraise(item: SyntaxNode, body: SyntaxNode): 'always' | 'maybe' | 'never' {
  const value = item.childForFieldName('value');
  const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.text : null;
  if (!alias) return 'never';
  const optOut = new RegExp(`^${alias}\\.reraise\\s*=\\s*False$`);
  const top = body.namedChildren.some((s) => s?.type === 'expression_statement' && optOut.test(s.text.trim()));
  if (top) return 'always';
  return new RegExp(`\\b${alias}\\.reraise\\s*=\\s*False\\b`).test(body.text) ? 'maybe' : 'never';
}
