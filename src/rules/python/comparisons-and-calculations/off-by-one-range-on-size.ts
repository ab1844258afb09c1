// CWE-193: an index bound one past the end of a sequence: `x[len(x)]`, `for i in range(len(x) + 1): x[i]`, and
// `i <= len(x)` guarding `x[i]`. Each reaches x[len(x)], which raises IndexError (or, with negative offsets, reads
// the wrong element). Reported only when the same sequence is indexed with the loop/guard variable itself.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { assignmentTargeting, comparisonPairs, descendantsOfType, integerValue, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

/** `len(x)` (the builtin: a local `len` is something else) → x; null for anything else. */
function lenOf(model: PythonModel, expr: SyntaxNode | null): SyntaxNode | null {
  if (!expr) return null;
  const n = unparenthesize(expr);
  if (n.type !== 'call' || model.callName(n) !== 'len') return null;
  const args = positionalArgs(n);
  return args.length === 1 ? args[0]! : null;
}

/** `len(x) + k` with k ≥ 1 → { seq: x, past: k }. */
function pastEnd(model: PythonModel, expr: SyntaxNode | null): { seq: SyntaxNode; past: number } | null {
  if (!expr) return null;
  const n = unparenthesize(expr);
  const direct = lenOf(model, n);
  if (direct) return { seq: direct, past: 0 };
  if (n.type !== 'binary_operator' || n.childForFieldName('operator')?.text !== '+') return null;
  const seq = lenOf(model, n.childForFieldName('left'));
  const k = integerValue(n.childForFieldName('right'));
  return seq && k !== null && k >= 1 ? { seq, past: k } : null;
}

/** Subscripts `seq[name]` under `scope` (loads and stores alike: both go past the end). */
function indexedWith(scope: SyntaxNode, seq: SyntaxNode, name: string): SyntaxNode | null {
  return descendantsOfType(scope, 'subscript').find((s) => {
    const value = s.childForFieldName('value');
    const index = s.childrenForFieldName('subscript');
    return value?.text === seq.text && index.length === 1 && unparenthesize(index[0]!).type === 'identifier' && index[0]!.text === name;
  }) ?? null;
}

/** The body re-checks the index against the length itself (`if i < len(x): x[i]`, `if i == len(x): break`). */
function checkedInside(body: SyntaxNode, seq: SyntaxNode, name: string): boolean {
  return descendantsOfType(body, 'comparison_operator').some((c) =>
    c.text.includes(`len(${seq.text})`) && c.namedChildren.some((o) => o !== null && unparenthesize(o).text === name));
}

/** Indexable positions only: a dict keyed by counters (`d[len(d)] = v`) is a different thing. */
function isSequence(model: PythonModel, seq: SyntaxNode): boolean {
  const kind = model.kindOf(seq);
  return kind === null || kind === 'list' || kind === 'str' || kind === 'tuple' || kind === 'bytes';
}

export default defineRule({
  meta: {
    id: 'off-by-one-range-on-size',
    cwe: 193,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    messages: {
      index: {
        text: '`{expr}` indexes `{seq}` at position len({seq}), one past its last element: it always raises IndexError',
        fix: 'The last element is `{seq}[-1]` (or `{seq}[len({seq}) - 1]`); to append, use `{seq}.append(...)`',
      },
      range: {
        text: '`{bound}` runs the index up to len({seq}), and `{use}` then reads one past the end of `{seq}`',
        fix: 'Iterate over `range(len({seq}))` (or `for item in {seq}` / `enumerate({seq})`); if positions 1..n are meant, index with `{seq}[{index} - 1]`',
      },
      guard: {
        text: '`{bound}` lets `{index}` equal len({seq}), and `{use}` then reads one past the end of `{seq}`',
        fix: 'Use `{index} < len({seq})` as the bound for `{seq}[{index}]`',
      },
    },
    docs: {
      summary: 'Index bound one past the end of a sequence (range(len(x) + 1), x[len(x)], i <= len(x))',
      why: 'Valid positions of a sequence are 0 … len(x) - 1. A loop or guard that lets the index reach len(x) raises IndexError on the last round — usually on the rare input that fills the list exactly, so the failure shows up in production as an unhandled error (CWE-193).',
      example: 'def pairs(items):\n    out = []\n    for i in range(len(items) + 1):\n        out.append(items[i])\n    return out\n',
      useInstead: 'def pairs(items):\n    out = []\n    for i in range(len(items)):\n        out.append(items[i])\n    return out\n',
      fix: 'Bound indexes with `range(len(x))` or `i < len(x)`, or iterate over the items (`for item in x`, `enumerate(x)`) so no index arithmetic is needed.',
      references: ['https://cwe.mitre.org/data/definitions/193.html'],
    },
  },
  create(ctx) {
    return {
      subscript(node) {
        const index = node.childrenForFieldName('subscript');
        const seq = node.childForFieldName('value');
        if (!seq || index.length !== 1) return;
        // `d[len(d)] = v` numbers the entries of a dict; a store past a list's end is rare enough to leave alone.
        if (assignmentTargeting(node)) return;
        const past = pastEnd(ctx.model, index[0]!);
        if (!past || past.seq.text !== seq.text || !isSequence(ctx.model, seq)) return;
        ctx.report({ node, messageId: 'index', data: { expr: abbreviate(node.text), seq: abbreviate(seq.text) } });
      },
      for_statement(loop) {
        const target = loop.childForFieldName('left');
        const iter = loop.childForFieldName('right');
        const body = loop.childForFieldName('body');
        if (target?.type !== 'identifier' || !iter || !body) return;
        const range = unparenthesize(iter);
        if (range.type !== 'call' || range.childForFieldName('function')?.text !== 'range') return;
        const args = positionalArgs(range);
        if (args.length < 1 || args.length > 2) return;
        const stop = pastEnd(ctx.model, args[args.length - 1]!);
        if (!stop || stop.past < 1 || !isSequence(ctx.model, stop.seq)) return;
        const use = indexedWith(body, stop.seq, target.text);
        if (!use || checkedInside(body, stop.seq, target.text)) return;
        ctx.report({
          node: range, messageId: 'range',
          data: { bound: abbreviate(range.text), seq: abbreviate(stop.seq.text), use: abbreviate(use.text), index: target.text },
          evidence: [{ node: use, message: `\`${abbreviate(use.text)}\` reads position len(${abbreviate(stop.seq.text)}) on the last round` }],
        });
      },
      comparison_operator(node) {
        const guarded = node.parent?.type === 'while_statement' || node.parent?.type === 'if_statement' ? node.parent : null;
        const body = guarded?.childForFieldName(guarded.type === 'while_statement' ? 'body' : 'consequence');
        if (!body) return;
        for (const { left, operator, right } of comparisonPairs(node)) {
          const flipped = operator === '>=';
          if (operator !== '<=' && !flipped) continue;
          const index = unparenthesize(flipped ? right : left);
          const past = pastEnd(ctx.model, flipped ? left : right);
          if (index.type !== 'identifier' || !past || past.past !== 0 || !isSequence(ctx.model, past.seq)) continue;
          const use = indexedWith(body, past.seq, index.text);
          if (!use || checkedInside(body, past.seq, index.text)) continue;
          ctx.report({
            node, messageId: 'guard',
            data: { bound: abbreviate(node.text), index: index.text, seq: abbreviate(past.seq.text), use: abbreviate(use.text) },
            evidence: [{ node: use, message: `\`${abbreviate(use.text)}\` is reached with ${index.text} == len(${abbreviate(past.seq.text)})` }],
          });
        }
      },
    };
  },
});
