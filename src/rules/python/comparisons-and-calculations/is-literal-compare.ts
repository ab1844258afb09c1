// CWE-595: `x is "text"` / `n is 5` / `t is (1, 2)` compare object identity with a literal. Whether two equal strings
// or numbers are the same object is an interpreter detail (interning, small-int cache), so the result changes
// between versions, builds and values. `is None/True/False/...` are singletons and stay silent.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { comparisonPairs, isBytesString, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

const LITERAL_TYPES = new Set(['string', 'concatenated_string', 'integer', 'float', 'tuple', 'list', 'dictionary', 'set']);

/** What kind of literal `node` is, for the message; null for singletons and non-literals. */
function literalKind(node: SyntaxNode): string | null {
  let n = unparenthesize(node);
  if (n.type === 'unary_operator') n = n.childForFieldName('argument') ?? n;
  if (!LITERAL_TYPES.has(n.type)) return null;
  if (n.type === 'string' || n.type === 'concatenated_string') return isBytesString(n) ? 'bytes' : 'string';
  if (n.type === 'integer' || n.type === 'float') return 'number';
  return n.type === 'dictionary' ? 'dict' : n.type;
}

export default defineRule({
  meta: {
    id: 'is-literal-compare',
    cwe: 595,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    messages: {
      identity: {
        text: '`{expr}` compares identity with a {kind} literal: whether `{other}` is the same object as `{literal}` depends on interning and caching, not on its value',
        fix: 'Compare values: `{other} {equal} {literal}`',
      },
    },
    docs: {
      summary: '`is` / `is not` with a string, number or container literal',
      why: '`is` asks whether two references are one object. Equal strings, numbers and tuples are only sometimes the same object (CPython interns some strings and caches small integers), so `status is "active"` can be true in a test and false in production for the very same value, and a check built on it silently passes or fails (CWE-595). CPython 3.8+ warns about it at compile time.',
      example: 'def is_admin(role):\n    return role is "admin"\n',
      useInstead: 'def is_admin(role):\n    return role == "admin"\n',
      fix: 'Use `==` / `!=` for values. Keep `is` for singletons: None, True, False, Ellipsis and sentinel objects.',
      references: ['https://cwe.mitre.org/data/definitions/595.html', 'https://docs.python.org/3/reference/expressions.html#is-not'],
    },
  },
  create(ctx) {
    return {
      comparison_operator(node) {
        for (const { left, operator, right } of comparisonPairs(node)) {
          if (operator !== 'is' && operator !== 'is not') continue;
          const rightKind = literalKind(right);
          const literal = rightKind ? right : literalKind(left) ? left : null;
          if (!literal) continue;
          const other = literal === right ? left : right;
          ctx.report({
            node,
            messageId: 'identity',
            data: {
              expr: abbreviate(`${left.text} ${operator} ${right.text}`), kind: literalKind(literal)!, other: abbreviate(other.text),
              literal: abbreviate(literal.text), equal: operator === 'is' ? '==' : '!=',
            },
          });
        }
      },
    };
  },
});
