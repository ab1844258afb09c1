// CWE-187: `proto in "tcp udp icmp"` — membership in a string that lists tokens is a substring test, so "cmp", "p u"
// and "" pass too. Reported only when the string (a literal, or a name bound only to such literals) reads as a list
// of several word tokens and the left side is a computed value, never a literal being searched for.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { comparisonPairs, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

const SEPARATORS = /[\s,;|]+/;
const TOKEN = /^[A-Za-z0-9_](?:[\w.+:-]*\w)?$/;
/** Function words mark a sentence (a message searched for a word), never a list of choices. */
const STOPWORDS = new Set(['the', 'a', 'an', 'to', 'of', 'and', 'or', 'is', 'are', 'not', 'for', 'in', 'on', 'with', 'be', 'was', 'this', 'that', 'from', 'by']);
/**
 * Bounds that keep prose out: a list of choices is short and made of short words. Sentences (messages searched
 * for a word) are longer or carry punctuation that TOKEN rejects.
 */
const MAX_TOKENS = 16;
const MAX_TOKEN_LENGTH = 24;

/** The tokens of a string that lists several words ("tcp udp", "a,b,c"), or null. */
function tokenList(value: string): string[] | null {
  const trimmed = value.trim();
  if (!SEPARATORS.test(trimmed)) return null;
  const tokens = trimmed.split(SEPARATORS);
  if (tokens.length < 2 || tokens.length > MAX_TOKENS) return null;
  if (!tokens.every((t) => TOKEN.test(t) && t.length <= MAX_TOKEN_LENGTH && !STOPWORDS.has(t.toLowerCase()))) return null;
  // `c in "a b c"` over single characters behaves like a character class; only words make the substring match wrong.
  return tokens.some((t) => t.length > 1) ? tokens : null;
}

/** The string literal(s) the right side holds: the literal itself or every value bound to the name. */
function listedString(model: PythonModel, node: SyntaxNode): { text: string; tokens: string[]; literal: SyntaxNode } | null {
  const n = unparenthesize(node);
  let literals: Array<SyntaxNode | null> = [n];
  if (n.type === 'identifier' || n.type === 'attribute') {
    const reaching = model.reachingValues(n);
    if (!reaching || reaching.parameter || reaching.augmented.length > 0 || reaching.values.length === 0) return null;
    literals = reaching.values;
  }
  let first: { text: string; tokens: string[]; literal: SyntaxNode } | null = null;
  for (const lit of literals) {
    const value = lit ? stringValue(lit) : null;
    const tokens = value === null ? null : tokenList(value);
    if (!lit || value === null || !tokens) return null;
    first ??= { text: value, tokens, literal: lit };
  }
  return first;
}

const COMPUTED = new Set(['identifier', 'attribute', 'subscript', 'call']);

export default defineRule({
  meta: {
    id: 'substring-in-where-membership-meant',
    cwe: 187,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    messages: {
      substring: {
        text: '`{value} {op} {container}` tests for a substring of "{text}", not for one of its words: "{sample}" and "" match too',
        fix: 'Test membership in a collection of the words: `{value} {op} {tuple}`',
      },
    },
    docs: {
      summary: 'Membership test against a string that lists several words',
      why: '`x in "tcp udp"` is true for every substring: "cp", "p u", "udp tcp"[0:3] and the empty string. When the string is a list of allowed values, a crafted or malformed value that is a fragment of it passes the check and reaches code that expects one of the listed words (CWE-187: partial string comparison).',
      example: 'def check_protocol(proto):\n    if proto not in "tcp udp icmp":\n        raise ValueError(proto)\n',
      useInstead: 'def check_protocol(proto):\n    if proto not in ("tcp", "udp", "icmp"):\n        raise ValueError(proto)\n',
      fix: 'Put the allowed words in a tuple, list or set (`("tcp", "udp")` or `"tcp udp".split()`), so that `in` compares whole values.',
      references: ['https://cwe.mitre.org/data/definitions/187.html', 'https://docs.python.org/3/reference/expressions.html#membership-test-operations'],
    },
  },
  create(ctx) {
    return {
      comparison_operator(node) {
        for (const { left, operator, right } of comparisonPairs(node)) {
          if (operator !== 'in' && operator !== 'not in') continue;
          if (!COMPUTED.has(unparenthesize(left).type)) continue;
          const listed = listedString(ctx.model, right);
          if (!listed) continue;
          const word = listed.tokens.find((t) => t.length > 2) ?? listed.tokens[0]!;
          ctx.report({
            node,
            messageId: 'substring',
            data: {
              value: abbreviate(left.text), op: operator, container: abbreviate(right.text), text: abbreviate(listed.text),
              sample: word.slice(1), tuple: abbreviate(`(${listed.tokens.map((t) => JSON.stringify(t)).join(', ')})`),
            },
            evidence: listed.literal.id !== unparenthesize(right).id ? [{ node: listed.literal, message: `\`${abbreviate(right.text)}\` is this string` }] : [],
          });
        }
      },
    };
  },
});
