// B610: Django QuerySet.extra() with SQL fragments that are not plain literals. extra() pastes `select`, `where`
// and `tables` into the query text unescaped; only `params`/`select_params` are bound safely.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { calleeName, keywordArg, positionalArgs, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { truncate } from '../../../rulekit/text.js';

/** QuerySet.extra's parameters in positional order. */
const EXTRA_PARAMS = ['select', 'where', 'params', 'tables', 'order_by', 'select_params'] as const;

function elements(n: SyntaxNode): SyntaxNode[] {
  return n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
}

/** A list or tuple of string literals: fixed SQL that no caller value can change. */
function literalSequence(n: SyntaxNode): boolean {
  const v = unparenthesize(n);
  return (v.type === 'list' || v.type === 'tuple') && elements(v).every((e) => stringValue(e) !== null);
}

/** A dict literal whose keys and values are all string literals. */
function literalSelect(n: SyntaxNode): boolean {
  const v = unparenthesize(n);
  if (v.type !== 'dictionary') return false;
  return elements(v).every((pair) => pair.type === 'pair' &&
    stringValue(pair.childForFieldName('key')) !== null && stringValue(pair.childForFieldName('value')) !== null);
}

export default defineRule({
  meta: {
    id: 'django-extra-sql',
    cwe: 89,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B610',
    banditName: 'django_extra_used',
    messages: {
      fragment: {
        text: '`{call}` puts the non-literal `{param}` value `{value}` into the SQL text unescaped',
        fix: 'Keep `{param}` literal and pass values through params=/select_params=, or replace extra() with annotate()/filter() and F()/Func() expressions',
      },
    },
    docs: {
      summary: 'Django QuerySet.extra() with SQL built from values',
      why: 'extra(select=..., where=..., tables=...) inserts its strings into the generated SQL as they are. A value formatted into them can close the expression and add its own conditions or sub-queries (CWE-89). Django documents extra() as a last resort.',
      example: 'def search(qs, column):\n    return qs.extra(where=["%s LIKE \'a%%\'" % column])\n',
      useInstead: 'def search(qs, prefix):\n    return qs.extra(where=["name LIKE %s"], params=[prefix + "%"])\n',
      fix: 'Express the query with the ORM (filter, annotate, F, Func, Q). If extra() stays, keep select/where/tables literal and bind every value through params or select_params.',
      references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra'],
      banditDifferences: 'Like Bandit, any `.extra(...)` call is checked (Django models are usually imported from the application, not from django). Pillar also accepts a tuple of string literals for where/tables, which Bandit reports.',
    },
  },
  create(ctx) {
    return {
      call(node) {
        if (calleeName(node) !== 'extra') return;
        const given = new Map<string, SyntaxNode>();
        for (const name of EXTRA_PARAMS) {
          const kw = keywordArg(node, name);
          if (kw) given.set(name, kw);
        }
        positionalArgs(node).forEach((arg, i) => { if (i < EXTRA_PARAMS.length) given.set(EXTRA_PARAMS[i]!, arg); });
        let bad: [string, SyntaxNode] | undefined;
        for (const name of ['where', 'tables']) {
          const v = given.get(name);
          if (v && !literalSequence(v)) { bad = [name, v]; break; }
        }
        const select = given.get('select');
        if (!bad && select && !literalSelect(select)) bad = ['select', select];
        if (!bad) return;
        const call = node.childForFieldName('function')!.text;
        const value = bad[1].text.replace(/\s+/g, ' ');
        ctx.report({ node, messageId: 'fragment', data: { call, param: bad[0], value: truncate(value, 50) } });
      },
    };
  },
});
