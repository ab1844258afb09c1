// CWE-79: a Django template filter that returns hand-built markup with a value it did not escape. A filter that
// returns tags only works when the template renders it raw (`|safe`, `is_safe=True`), so what it interpolates reaches
// the page unescaped; Django's own guide asks such filters to escape their input (conditional_escape) themselves.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { formatTemplate, fStringTemplate, percentTemplate, type Template } from '../../../languages/python/markupTemplates.js';
import { callee, unparenthesize } from '../../../languages/python/syntax.js';
import { DJANGO_TEMPLATE_LIBRARIES, DJANGO_TEMPLATE_LIBRARY_INSTANCES } from '../../../models/python/templateEngines.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { isSafeMarkup } from '../../../rulekit/safeMarkup.js';
import { abbreviate } from '../../../rulekit/text.js';

const TAG = /<[A-Za-z][\w:-]*[\s>/]/;

/** `@register.filter`, `@register.filter(is_safe=True)`, `@register.filter('name')` on a Django template library. */
function isTemplateFilter(model: PythonModel, fn: SyntaxNode): boolean {
  return model.decorators(fn).some((d) => {
    const target = d.type === 'call' ? callee(d) : d;
    if (target?.type !== 'attribute' || target.childForFieldName('attribute')?.text !== 'filter') return false;
    const library = target.childForFieldName('object');
    if (library?.type !== 'identifier') return false;
    if (DJANGO_TEMPLATE_LIBRARY_INSTANCES.includes(model.qualifiedName(library) ?? '')) return true;
    return model.valuesOf(library).some((v) => {
      const u = v ? unparenthesize(v) : null;
      return u?.type === 'call' && DJANGO_TEMPLATE_LIBRARIES.includes(model.callName(u) ?? '');
    });
  });
}

/** The markup template a returned expression formats: `'<a>%s</a>' % x`, `'<a>{}</a>'.format(x)`, `f'<a>{x}</a>'`. */
function markupTemplate(expr: SyntaxNode): Template | null {
  const e = unparenthesize(expr);
  const t = percentTemplate(e, '<') ?? (e.type === 'call' ? formatTemplate(e, '<') : null) ?? fStringTemplate(e, '<');
  if (!t) return null;
  const text = t.parts.map((p) => ('text' in p ? p.text : '')).join('');
  return TAG.test(text) ? t : null;
}

export default defineRule({
  meta: {
    id: 'django-filter-markup-unescaped',
    cwe: 79,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      unescaped: {
        text: 'Template filter `{filter}` returns markup with `{value}` formatted in unescaped; a filter that returns tags is rendered raw, so markup in `{value}` reaches the page',
        fix: 'Escape what the filter interpolates: build the result with django.utils.html.format_html("...{{}}...", {value}) (or conditional_escape() each value, then mark_safe)',
      },
    },
    docs: {
      summary: 'Django template filter returns hand-built HTML with an unescaped value',
      why: 'A filter registered with `@register.filter` that returns HTML tags is useless unless the template renders its result raw (`{{ value|my_filter|safe }}`, or the filter registered `is_safe=True`). Whatever the filter formats into those tags then reaches the page as markup: a stack output, a host name or a description holding `<script>` runs in the viewer\'s browser (CWE-79).\n\n**Class.** Cross-site scripting through a template filter that builds markup itself: a function decorated as a filter of a Django `template.Library()` that returns a `%`/`.format`/f-string template containing tags, with a value that is not literal, escaped (escape, conditional_escape, format_html, html.escape) or reasoned safe (a number under `%d`, markup-free Django calls). Values wrapped in `mark_safe` are left to django-mark-safe. Real case: horizon\'s orchestration dashboard filter `stack_output` returned `<a href="%s">%s</a>` and `<pre>%s</pre>` around stack outputs a template author controls (OSSA-2014-010, CVE-2014-0157). References: CWE-79; Django\'s "Custom template filters — Filters and auto-escaping" (a filter that returns HTML must conditional_escape its input); OWASP XSS Prevention Cheat Sheet; the OpenStack Security Guidelines on cross-site scripting.',
      example: 'import json\n\nfrom django import template\n\nregister = template.Library()\n\n\n@register.filter\ndef as_block(value):\n    return "<pre>%s</pre>" % json.dumps(value, indent=2)\n',
      useInstead: 'import json\n\nfrom django import template\nfrom django.utils.html import format_html\n\nregister = template.Library()\n\n\n@register.filter\ndef as_block(value):\n    return format_html("<pre>{}</pre>", json.dumps(value, indent=2))\n',
      fix: 'Build the filter\'s result with format_html() (or conditional_escape() every value and mark_safe the result), so the template can render it raw safely.',
      references: [
        'https://cwe.mitre.org/data/definitions/79.html',
        'https://docs.djangoproject.com/en/stable/howto/custom-template-tags/#filters-and-auto-escaping',
        'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
        'https://security.openstack.org/guidelines/dg_cross-site-scripting-xss.html',
      ],
    },
  },
  create(ctx) {
    // A filter that builds tags has both words in its text: most files have neither.
    const relevant = ctx.model.source.includes('filter') && ctx.model.source.includes('<');
    return {
      return_statement(node) {
        if (!relevant) return;
        const value = node.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
        if (!value) return;
        let fn: SyntaxNode | null = node.parent;
        while (fn && fn.type !== 'function_definition') fn = fn.parent;
        if (!fn || !isTemplateFilter(ctx.model, fn)) return;
        const template = markupTemplate(value);
        if (!template || isSafeMarkup(ctx.model, template.node, { reasoned: true })) return;
        const open = [...template.values.values()].find((v) => !isSafeMarkup(ctx.model, v, { reasoned: true }));
        if (!open) return;
        ctx.report({
          node: template.node,
          messageId: 'unescaped',
          data: { filter: fn.childForFieldName('name')?.text ?? 'filter', value: abbreviate(open.text, 50) },
        });
      },
    };
  },
});
