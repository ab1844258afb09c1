// B702: Mako templates, which do not escape `${...}` expressions unless told to, created without an HTML-escaping
// default filter.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { keywordArg, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const TEMPLATES = new Set(['mako.template.Template', 'mako.lookup.TemplateLookup']);
const TEMPLATE_NAMES = [...TEMPLATES];
/** Filters that HTML-escape: Mako's `h` and the function it names. */
const ESCAPING = new Set(['h', 'html_escape', 'filters.html_escape', 'mako.filters.html_escape']);

function escapesByDefault(filters: SyntaxNode | null): boolean {
  if (!filters) return false;
  const f = unparenthesize(filters);
  if (f.type !== 'list' && f.type !== 'tuple') return false;
  return f.namedChildren.some((c) => c !== null && ESCAPING.has(stringValue(c) ?? ''));
}

export default defineRule({
  meta: {
    id: 'mako-templates',
    cwe: 80,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B702',
    banditName: 'use_of_mako_templates',
    messages: {
      unescaped: {
        text: '`{call}` renders `${{...}}` expressions without HTML escaping: a value holding markup is inserted into the page as-is',
        fix: "Pass default_filters=['h'] to `{call}` (or escape each expression with `| h`)",
      },
    },
    docs: {
      summary: 'Mako template without HTML escaping by default',
      why: 'Mako inserts `${value}` verbatim unless a filter escapes it. Every expression in an HTML template that forgets `| h` lets user-controlled text inject markup and script (CWE-80).',
      example: 'from mako.template import Template\n\ndef page(source, **values):\n    return Template(source).render(**values)\n',
      useInstead: 'from mako.template import Template\n\ndef page(source, **values):\n    return Template(source, default_filters=["h"]).render(**values)\n',
      fix: "Create templates and lookups with default_filters=['h'] (HTML escape) and opt out per expression with `| n` where raw output is intended; or use a template engine with autoescaping.",
      references: [
        'https://cwe.mitre.org/data/definitions/80.html',
        'https://docs.makotemplates.org/en/latest/filtering.html',
      ],
      banditDifferences: "Templates and TemplateLookups created with an HTML-escaping default filter (default_filters=['h']) are not reported; Bandit reports every mako Template and does not look at lookups.",
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(TEMPLATE_NAMES)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name === null || !TEMPLATES.has(name) || escapesByDefault(keywordArg(node, 'default_filters'))) return;
        ctx.report({ node, messageId: 'unescaped', data: { call: name } });
      },
    };
  },
});
