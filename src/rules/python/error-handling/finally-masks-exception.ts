// CWE-584: `return`, `break` or `continue` leaving a `finally` block. The jump silently discards any exception the
// try raised (and any value it returned), so a failure — a denied check, a failed write — looks like success.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { defineRule } from '../../../rulekit/defineRule.js';

const JUMPS = new Set(['return_statement', 'break_statement', 'continue_statement']);
const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
const LOOPS = new Set(['for_statement', 'while_statement']);

/** Jumps in `block` that leave it: every return, and break/continue whose loop is outside the block. */
function leavingJumps(block: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode, inLoop: boolean): void => {
    if (JUMPS.has(n.type)) {
      if (n.type === 'return_statement' || !inLoop) out.push(n);
      return;
    }
    if (SCOPES.has(n.type)) return;
    // Only a loop's body block is "inside" it: a break in its else clause targets an outer loop.
    const loop = LOOPS.has(n.type) ? n.childForFieldName('body') : null;
    for (const c of n.namedChildren) if (c) visit(c, inLoop || c.id === loop?.id);
  };
  visit(block, false);
  return out;
}

/** Raise statements of `block` itself, not of functions or classes defined in it. */
function raises(block: SyntaxNode): boolean {
  const visit = (n: SyntaxNode): boolean => n.type === 'raise_statement' ||
    (!SCOPES.has(n.type) && n.namedChildren.some((c) => c !== null && visit(c)));
  return visit(block);
}

/**
 * True when no exception from the `try` body can still be in flight when `finally` runs: a catch-all handler
 * (`except Exception:` or bare) takes every one, no handler raises, and no `else` block runs outside the handlers.
 * A jump in `finally` then discards nothing the code did not already swallow on purpose (only BaseException
 * interrupts, which is not a security matter).
 */
function everyExceptionHandled(model: PythonModel, tryStatement: SyntaxNode): boolean {
  const clauses = tryStatement.namedChildren.filter((c): c is SyntaxNode => c !== null);
  if (clauses.some((c) => c.type === 'else_clause')) return false;
  const handlers = clauses.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
  return handlers.some((h) => model.isCatchAll(h)) && !handlers.some((h) => raises(h));
}

/** `name in (A, B)`, `name == A`, `name is A`: the name and the value texts the test accepts, or null. */
function acceptedValues(cond: SyntaxNode): { name: string; values: Set<string> } | null {
  if (cond.type !== 'comparison_operator' || cond.namedChildren.length !== 2) return null;
  const [left, right] = cond.namedChildren as [SyntaxNode, SyntaxNode];
  const op = cond.children.find((c) => c && !c.isNamed)?.text;
  if (left.type !== 'identifier') return null;
  if (op === 'in' && (right.type === 'tuple' || right.type === 'list' || right.type === 'set')) {
    return { name: left.text, values: new Set(right.namedChildren.filter((c): c is SyntaxNode => !!c).map((c) => c.text)) };
  }
  return op === '==' || op === 'is' ? { name: left.text, values: new Set([right.text]) } : null;
}

/**
 * The jump runs only under `if result in (A, B)`, and every handler that lets an exception go on first sets
 * `result` to a value outside that set (`result = FAILED; raise`): on the exception path the jump is not taken, so
 * it discards nothing. Needs a catch-all handler (no exception reaches `finally` unhandled) and no `else` block.
 */
function notTakenWhileRaising(jump: SyntaxNode, block: SyntaxNode, tryStatement: SyntaxNode, model: PythonModel): boolean {
  const clauses = tryStatement.namedChildren.filter((c): c is SyntaxNode => c !== null);
  const handlers = clauses.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
  if (clauses.some((c) => c.type === 'else_clause') || !handlers.some((h) => model.isCatchAll(h))) return false;
  for (let n = jump.parent; n && n.id !== block.id; n = n.parent) {
    if (n.type !== 'block' || n.parent?.type !== 'if_statement' || n.parent.childForFieldName('consequence')?.id !== n.id) continue;
    const test = acceptedValues(n.parent.childForFieldName('condition')!);
    if (!test) continue;
    const settles = (h: SyntaxNode): boolean => {
      if (!raises(h)) return true;
      const body = h.namedChildren.find((c) => c?.type === 'block');
      const sets = (body?.namedChildren ?? []).map((st) => (st?.type === 'expression_statement' ? st.namedChild(0) : null))
        .filter((a): a is SyntaxNode => a?.type === 'assignment' && a.childForFieldName('left')?.text === test.name);
      const last = sets[sets.length - 1]?.childForFieldName('right');
      return !!last && !test.values.has(last.text);
    };
    if (handlers.every(settles)) return true;
  }
  return false;
}

const WORD: Record<string, string> = { return_statement: 'return', break_statement: 'break', continue_statement: 'continue' };

export default defineRule({
  meta: {
    id: 'finally-masks-exception',
    cwe: 584,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    messages: {
      masks: {
        text: '`{jump}` inside `finally` discards any exception raised in the `try` block (and any value it was returning); a failure there is silently turned into normal completion',
        fix: 'Move the `{jump}` after the try statement, or out of `finally` into the `try`/`except` branch that decides it, so exceptions from the `try` block still propagate',
      },
    },
    docs: {
      summary: '`return`, `break` or `continue` inside a `finally` block',
      why: 'A jump out of `finally` cancels the exception that is propagating through it. A failed authorisation check, a failed write or a database error in the `try` block then disappears without a trace and the caller proceeds as if it had succeeded (CWE-584). Python 3.14 warns about it (PEP 765). A jump the exception path cannot take (it runs only for outcomes that every re-raising handler sets to something else first) discards nothing and is not reported.',
      example: 'def save(record, db):\n    try:\n        db.write(record)\n    finally:\n        db.close()\n        return True\n',
      useInstead: 'def save(record, db):\n    try:\n        db.write(record)\n    finally:\n        db.close()\n    return True\n',
      fix: 'Keep `finally` for cleanup only. Put the return after the try statement, or decide it in the `try`/`except` branches.',
      references: ['https://cwe.mitre.org/data/definitions/584.html', 'https://peps.python.org/pep-0765/'],
    },
  },
  create(ctx) {
    return {
      finally_clause(node) {
        const block = node.namedChildren.find((c) => c?.type === 'block');
        if (!block || (node.parent && everyExceptionHandled(ctx.model, node.parent))) return;
        for (const jump of leavingJumps(block)) {
          if (node.parent && notTakenWhileRaising(jump, block, node.parent, ctx.model)) continue;
          ctx.report({ node: jump, messageId: 'masks', data: { jump: WORD[jump.type] ?? jump.type } });
        }
      },
    };
  },
});
