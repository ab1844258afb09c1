// B611: django.db.models.expressions.RawSQL with SQL text that is not a literal. The text goes into the query
// unescaped; only its params list is bound.
import { argument, calleeName, stringValue } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { truncate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'django-rawsql',
    cwe: 89,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B611',
    banditName: 'django_rawsql_used',
    messages: {
      computed: {
        text: '`RawSQL` receives the SQL text `{sql}`, which is not a literal; a value formatted into it can change the query',
        fix: 'Pass RawSQL a constant statement with %s placeholders and the values in its params list: RawSQL("... = %s", [value])',
      },
    },
    docs: {
      summary: 'Django RawSQL with non-literal SQL text',
      why: 'RawSQL(sql, params) embeds `sql` in the generated query verbatim. If the text carries a value, quotes in it can end the expression and inject conditions or sub-queries (CWE-89).',
      example: 'from django.db.models.expressions import RawSQL\n\ndef rank(qs, field):\n    return qs.annotate(rank=RawSQL("SELECT %s FROM stats" % field, []))\n',
      useInstead: 'from django.db.models.expressions import RawSQL\n\ndef rank(qs, owner):\n    return qs.annotate(rank=RawSQL("SELECT score FROM stats WHERE owner = %s", [owner]))\n',
      fix: 'Keep the SQL text literal and bind values through the params argument; prefer ORM expressions (F, Func, Subquery) where they can express the query.',
      references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions'],
      banditDifferences: 'Same trigger as Bandit, and an imported alias (`from ... import RawSQL as Raw`) is resolved too: RawSQL in a module that imports from django.db.models, with a first (or sql=) argument that is not a string literal, a variable included.',
    },
  },
  create(ctx): Visitors {
    // Only files that import it get a visitor (it would be offered every call of the file).
    if (!ctx.model.imports.importsModule('django.db.models')) return {};
    return {
      call(node) {
        if (calleeName(node) !== 'RawSQL' && !ctx.model.callName(node)?.endsWith('.RawSQL')) return;
        const sql = argument(node, 0, 'sql');
        if (!sql || stringValue(sql) !== null) return;
        const text = sql.text.replace(/\s+/g, ' ');
        ctx.report({ node, messageId: 'computed', data: { sql: truncate(text, 50) } });
      },
    };
  },
});
