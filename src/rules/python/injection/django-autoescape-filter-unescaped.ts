// CWE-79: a Django filter that builds markup (urlize, linebreaksbr …) applied from Python code to text nobody
// escaped: the filter escapes its input only when told to (`autoescape`), and marks its output safe regardless, so
// markup in the input reaches the page. Reported where the filter is called or handed to a filter chain with no
// escaping before it; a template's own `|urlize` is the template engine's business and is not read.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { descendantsOfType, isFalsy, keywordArg, positionalArg, unparenthesize } from '../../../languages/python/syntax.js';
import { DJANGO_AUTOESCAPE_FILTERS, MARKUP_ESCAPERS } from '../../../models/python/markupEscapers.js';
import { DJANGO_DISTRIBUTION, FILTER_AUTOESCAPE_DEFAULT_SINCE } from '../../../models/python/djangoVersions.js';
import { declaresAtLeast } from '../../../rulekit/declaredVersions.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const ESCAPERS = new Set(MARKUP_ESCAPERS.map((e) => e.name));
const NAMES: ReadonlySet<string> = new Set(['identifier', 'attribute']);

/** Whether `expr` escapes its input: an escaper named or called, or a lambda whose body calls one. */
function escapes(model: PythonModel, expr: SyntaxNode): boolean {
  const e = unparenthesize(expr);
  if (e.type === 'call') return ESCAPERS.has(model.callName(e) ?? '') || escapes(model, positionalArg(e, 0) ?? e.childForFieldName('function')!);
  if (e.type === 'lambda') return descendantsOfType(e, 'call').some((c) => ESCAPERS.has(model.callName(c) ?? ''));
  return NAMES.has(e.type) && ESCAPERS.has(model.qualifiedName(e) ?? '');
}

export default defineRule({
  meta: {
    id: 'django-autoescape-filter-unescaped',
    cwe: 79,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      chain: {
        text: '`{filter}` is applied in this filter chain with nothing escaping the value before it: called with one argument it does not escape its input (before Django 1.8), and marks the result safe, so markup in the value reaches the page',
        fix: 'Put `django.template.defaultfilters.escape` before `{filter}` in the chain',
      },
      call: {
        text: '`{filter}({value})` does not escape `{value}` ({why}) and marks the result safe, so markup in it reaches the page',
        fix: 'Call `{filter}` with `autoescape=True`, or escape `{value}` first',
      },
    },
    docs: {
      summary: 'Django markup-building filter applied from Python to unescaped text',
      why: 'urlize, urlizetrunc, linebreaksbr, linebreaks, linenumbers and unordered_list wrap their input in markup and return it marked safe. They escape the input only when their `autoescape` argument is true: a template passes it, Python code calling the filter (or a table column\'s filter chain calling it with one argument) passes nothing, and before Django 1.8 the default was None — no escaping. An e-mail address or a description holding `<script>` is then rendered as markup (CWE-79).\n\nClass: a markup-producing filter applied to text that was never escaped, its output trusted as safe (CWE-79; OWASP XSS Prevention Cheat Sheet; OSSA-2014-023, a dashboard\'s user e-mail column filtered with urlize). Reported: an explicit `autoescape=False`, and, with medium confidence, the implicit default — unless the project declares Django 1.8 or later as its minimum (requirements.txt, setup.cfg, pyproject.toml: the `declaredMinimum` project fact), where the default escapes; a chain or call that escapes the value first is silent.',
      example: 'from django.template import defaultfilters\nfrom horizon import tables\n\n\nclass UsersTable(tables.DataTable):\n    email = tables.Column("email", filters=(defaultfilters.urlize,))\n',
      useInstead: 'from django.template import defaultfilters\nfrom horizon import tables\n\n\nclass UsersTable(tables.DataTable):\n    email = tables.Column("email", filters=(defaultfilters.escape, defaultfilters.urlize))\n',
      fix: 'Escape the value before the filter (`defaultfilters.escape` first in the chain), or call the filter with `autoescape=True`.',
      references: [
        'https://cwe.mitre.org/data/definitions/79.html',
        'https://docs.djangoproject.com/en/stable/howto/custom-template-tags/#filters-and-auto-escaping',
        'https://security.openstack.org/ossa/OSSA-2014-023.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
      ],
    },
  },
  create(ctx): Visitors {
    if (!ctx.model.imports.importsModule('django')) return {};
    // Where every Django the project allows escapes by default, only an explicit `autoescape=False` is a defect.
    const defaultEscapes = declaresAtLeast(ctx.project, DJANGO_DISTRIBUTION, FILTER_AUTOESCAPE_DEFAULT_SINCE);
    const filterOf = (n: SyntaxNode): string | null => {
      const q = ctx.model.qualifiedName(n);
      return q && DJANGO_AUTOESCAPE_FILTERS.has(q) ? q : null;
    };
    // Filters handed over as functions, in a chain of filters: `filters=(default_if_none, urlize)`.
    const chain = (node: SyntaxNode): void => {
      if (defaultEscapes) return;
      const items = node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
      items.forEach((item, i) => {
        const filter = NAMES.has(item.type) ? filterOf(item) : null;
        if (!filter || items.slice(0, i).some((c) => escapes(ctx.model, c))) return;
        ctx.report({ node: item, messageId: 'chain', data: { filter: filter.split('.').at(-1)! } });
      });
    };
    return {
      call(node) {
        const fn = node.childForFieldName('function');
        const filter = fn && NAMES.has(fn.type) ? filterOf(fn) : null;
        if (!filter) return;
        const value = positionalArg(node, 0);
        if (!value || escapes(ctx.model, value)) return;
        const flag = keywordArg(node, 'autoescape') ?? positionalArg(node, DJANGO_AUTOESCAPE_FILTERS.get(filter)!);
        if (flag ? !isFalsy(flag) : defaultEscapes) return;
        const short = filter.split('.').at(-1)!;
        ctx.report({
          node, messageId: 'call', ...(flag ? {} : { confidence: 'medium' as const }),
          data: { filter: short, value: value.text.length > 40 ? `${value.text.slice(0, 37)}...` : value.text, why: flag ? 'autoescape is off' : 'no autoescape: None before Django 1.8' },
        });
      },
      tuple(node) { chain(node); },
      list(node) { chain(node); },
    };
  },
});
