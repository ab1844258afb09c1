// B701: a Jinja2 Environment that does not HTML-escape template variables, because autoescape is False, missing
// (Jinja2's default is off) or computed in a way we cannot see.
import { hasStarArgs, keywordArg, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const ENVIRONMENTS = new Set([
  'jinja2.Environment', 'jinja2.environment.Environment', 'jinja2.sandbox.SandboxedEnvironment',
  'jinja2.sandbox.ImmutableSandboxedEnvironment',
]);

const ENVIRONMENT_NAMES = [...ENVIRONMENTS];

export default defineRule({
  meta: {
    id: 'jinja2-autoescape-false',
    cwe: 79,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B701',
    banditName: 'jinja2_autoescape_false',
    messages: {
      disabled: {
        text: '`{call}` is created with autoescape=False: variables rendered into HTML templates are not escaped',
        fix: "Pass autoescape=jinja2.select_autoescape(['html', 'htm', 'xml']) (or autoescape=True) to `{call}`",
      },
      missing: {
        text: '`{call}` is created without autoescape, and Jinja2 does not escape by default: variables rendered into HTML are not escaped',
        fix: "Pass autoescape=jinja2.select_autoescape(['html', 'htm', 'xml']) to `{call}`; use autoescape=False explicitly only for non-HTML output",
      },
      unknown: {
        text: '`{call}` takes autoescape={value}, which may be false: check that HTML templates are escaped',
        fix: 'Use autoescape=jinja2.select_autoescape(...) in `{call}`, which escapes by template extension',
      },
    },
    docs: {
      summary: 'Jinja2 Environment without HTML autoescaping',
      why: 'Without autoescape, `{{ value }}` is inserted into the page verbatim. Any user-controlled value rendered in an HTML template can then inject markup and script that runs in the browser of whoever views the page (CWE-79).',
      example: 'import jinja2\n\nenv = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"))\n',
      useInstead: 'import jinja2\n\nenv = jinja2.Environment(\n    loader=jinja2.FileSystemLoader("templates"),\n    autoescape=jinja2.select_autoescape(["html", "xml"]),\n)\n',
      fix: 'Turn on autoescape with select_autoescape() so HTML/XML templates are escaped while text templates (configuration files, emails in plain text) are not.',
      references: [
        'https://cwe.mitre.org/data/definitions/79.html',
        'https://jinja.palletsprojects.com/en/stable/api/#autoescaping',
      ],
      banditDifferences: 'CWE-79 (cross-site scripting), the defect autoescaping prevents, instead of Bandit\'s CWE-94 (code injection); both in the neutralization pillar. Sandboxed environments are checked too; an Environment built from `**options` without an explicit autoescape is reported with low confidence (the options may set it), and only the Environment call\'s own keywords count (Bandit also reads autoescape= of nested calls).',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(ENVIRONMENT_NAMES)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name === null || !ENVIRONMENTS.has(name)) return;
        const value = keywordArg(node, 'autoescape');
        if (!value) {
          ctx.report({ node, messageId: 'missing', data: { call: name }, ...(hasStarArgs(node) ? { confidence: 'low' as const } : {}) });
          return;
        }
        const v = unparenthesize(value);
        if (v.type === 'true') return;
        if (v.type === 'false' || v.type === 'none') {
          ctx.report({ node: value.parent ?? node, messageId: 'disabled', data: { call: name } });
          return;
        }
        const callee = v.type === 'call' ? ctx.model.callName(v) : null;
        if (callee?.endsWith('select_autoescape') || v.type === 'lambda' || v.type === 'integer' && v.text !== '0') return;
        ctx.report({ node: value.parent ?? node, messageId: 'unknown', data: { call: name, value: v.text }, confidence: 'medium' });
      },
    };
  },
});
