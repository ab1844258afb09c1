// CWE-191: `limit - used` (a quota, limit or capacity minus what is used, reserved or counted) goes negative when
// usage already exceeds a lowered limit or the limit is -1 ("unlimited"), and the negative headroom is then used as a
// count, a slice bound or a returned amount. Silent when the function floors it, or compares limit/used/result first.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { calleeName, descendantsOfType, integerValue, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { nameWords } from '../../../rulekit/secrets.js';
import { abbreviate } from '../../../rulekit/text.js';

const CAPACITY_WORDS = new Set(['quota', 'quotas', 'limit', 'limits', 'max', 'maximum', 'allowed', 'capacity', 'hard']);
const USAGE_WORDS = new Set(['used', 'usage', 'usages', 'inuse', 'reserved', 'consumed', 'allocated', 'count', 'current']);
/** Keyword arguments that take an amount: a negative value there means "no limit" or an error to most APIs. */
const AMOUNT_KEYWORDS = /^(limit|count|num|number|size|max_count|min_count|amount|quantity|n)$/;

/** Name of a value for word matching: variable, attribute, string key — or the container of a computed subscript. */
function nameOf(expr: SyntaxNode): string | null {
  const n = unparenthesize(expr);
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text ?? null;
  if (n.type === 'subscript') {
    const key = n.childrenForFieldName('subscript')[0];
    const s = key ? stringValue(key) : null;
    return s ?? nameOf(n.childForFieldName('value')!);
  }
  return null;
}

function hasWord(expr: SyntaxNode, words: ReadonlySet<string>): boolean {
  const n = unparenthesize(expr);
  // `limits["instances"]`: the key names the resource, the container says it is a limit.
  const names = [nameOf(n), n.type === 'subscript' ? nameOf(n.childForFieldName('value')!) : null];
  return names.some((name) => !!name && nameWords(name.replace(/in_use/gi, 'inuse')).some((w) => words.has(w)));
}

/** What a use of the headroom does with it, when that needs a non-negative value. */
function amountUse(use: SyntaxNode): string | null {
  let n = use;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return null;
  if (p.type === 'slice') return 'a slice bound';
  if (p.type === 'return_statement') return 'the returned amount';
  if (p.type === 'keyword_argument' && AMOUNT_KEYWORDS.test(p.childForFieldName('name')?.text ?? '')) return `the ${p.childForFieldName('name')!.text}= argument`;
  if (p.type === 'argument_list' && p.parent?.type === 'call') {
    const fn = calleeName(p.parent);
    if (fn === 'range') return 'a range() bound';
    if (fn === 'min') return 'an argument of min()';
  }
  return null;
}

/**
 * The function checks the operands against each other or against 0/-1/None, checks the result against anything
 * (`if headroom < requested: raise`), or floors with max().
 */
function guarded(fnNode: SyntaxNode, texts: readonly string[], result: readonly string[]): boolean {
  if (/unlimited/i.test(fnNode.text)) return true;
  for (const c of descendantsOfType(fnNode, 'comparison_operator')) {
    const operands = c.namedChildren.filter((o): o is SyntaxNode => o !== null).map((o) => unparenthesize(o));
    const mentions = operands.filter((o) => texts.includes(o.text));
    if (mentions.length >= 2 || operands.some((o) => result.includes(o.text))) return true;
    if (mentions.length >= 1 && operands.some((o) => o.type === 'none' || (integerValue(o) !== null && integerValue(o)! <= 0))) return true;
  }
  return descendantsOfType(fnNode, 'call').some((call) => calleeName(call) === 'max' && texts.some((t) => call.text.includes(t)));
}

export default defineRule({
  meta: {
    id: 'quota-remaining-without-floor',
    cwe: 191,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      negative: {
        text: '`{expr}` is negative whenever `{used}` exceeds `{limit}` (a quota lowered below usage, or -1 for unlimited), and it is used as {where} without a floor',
        fix: 'Handle an unlimited `{limit}` (-1/None) first, then clamp: `max(0, {expr})`',
      },
    },
    docs: {
      summary: 'Quota or limit minus usage used as an amount without clamping at zero',
      why: 'Usage can exceed a limit: an operator lowers a quota below what a project already holds, reservations race, or the limit is -1 meaning "unlimited". `limit - used` is then negative, and used as a count, a page size or a slice bound it does the wrong thing silently: `items[:-3]` drops items from the end instead of returning none, a negative `limit=` often means "no limit", and a negative "remaining" reported to a caller reads as unlimited or as corruption (CWE-191).',
      example: 'def next_batch(items, max_count, count_all):\n    remaining = max_count - count_all\n    return items[:remaining]\n',
      useInstead: 'def next_batch(items, max_count, count_all):\n    remaining = max(0, max_count - count_all)\n    return items[:remaining]\n',
      fix: 'Treat unlimited (-1 or None) limits explicitly, and clamp headroom with `max(0, limit - used)` before using it as an amount; or compare `used >= limit` first and stop.',
      references: ['https://cwe.mitre.org/data/definitions/191.html'],
    },
  },
  create(ctx) {
    const check = (model: PythonModel, node: SyntaxNode): void => {
      if (node.childForFieldName('operator')?.text !== '-') return;
      const limit = node.childForFieldName('left');
      const used = node.childForFieldName('right');
      if (!limit || !used || !hasWord(limit, CAPACITY_WORDS) || !hasWord(used, USAGE_WORDS)) return;
      const owner = model.dataflowOwner(node);
      let where = amountUse(node);
      let at: SyntaxNode = node;
      const texts = [unparenthesize(limit).text, unparenthesize(used).text, node.text];
      const assignment = node.parent?.type === 'assignment' && node.parent.childForFieldName('right')?.id === node.id ? node.parent : null;
      const target = assignment?.childForFieldName('left');
      if (!where && target?.type === 'identifier' && assignment?.parent?.type === 'expression_statement') {
        texts.push(target.text);
        for (const use of model.dataflow(owner).usesOf(assignment.parent)) {
          if (use.type !== 'identifier' || use.text !== target.text) continue;
          where = amountUse(use);
          if (where) { at = use; break; }
        }
      }
      if (!where || guarded(owner, texts, [node.text, ...(target?.type === 'identifier' ? [target.text] : [])])) return;
      ctx.report({
        node,
        messageId: 'negative',
        data: { expr: abbreviate(node.text), used: abbreviate(used.text), limit: abbreviate(limit.text), where },
        evidence: at.id !== node.id ? [{ node: at, message: `used as ${where} here` }] : [],
      });
    };
    return { binary_operator: (node) => check(ctx.model, node) };
  },
});
