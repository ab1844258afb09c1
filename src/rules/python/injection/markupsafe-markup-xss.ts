// B704: markupsafe.Markup (also via flask/jinja2) wrapped around text that may hold unescaped input. Markup() marks
// its argument as already-escaped HTML; only literals and escaped values belong there.
import { positionalArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { isSafeMarkup } from '../../../rulekit/safeMarkup.js';
import { abbreviate } from '../../../rulekit/text.js';

const MARKUP = new Set(['markupsafe.Markup', 'flask.Markup', 'jinja2.Markup', 'jinja2.utils.Markup']);
const MARKUP_NAMES = [...MARKUP];

export default defineRule({
  meta: {
    id: 'markupsafe-markup-xss',
    cwe: 79,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B704',
    banditName: 'markupsafe_markup_xss',
    messages: {
      unescaped: {
        text: '`{call}({arg})` declares `{arg}` to be safe HTML although it may contain unescaped input: markup in it is rendered as-is',
        fix: 'Escape the value instead: markupsafe.escape({arg}), or build the HTML with Markup("...{{}}...").format({arg}), which escapes its arguments',
      },
    },
    docs: {
      summary: 'markupsafe Markup() around text that may contain unescaped input',
      why: 'Markup(s) tells Jinja2 and Flask that s is already escaped. If s contains user-controlled text, its tags and scripts are inserted into the page unescaped and run in the victim\'s browser (CWE-79).',
      example: 'from markupsafe import Markup\n\ndef greeting(name):\n    return Markup("<p>Hello " + name + "</p>")\n',
      useInstead: 'from markupsafe import Markup\n\ndef greeting(name):\n    return Markup("<p>Hello {}</p>").format(name)\n',
      fix: 'Wrap only literal markup in Markup and insert values through Markup.format() or the % operator on a Markup object (both escape), or escape() them first.',
      references: [
        'https://cwe.mitre.org/data/definitions/79.html',
        'https://markupsafe.palletsprojects.com/en/stable/escaping/',
      ],
      banditDifferences: 'Arguments built only from literals and escaped values (escape(), html.escape(), format_html(), `+`, `%`, f-strings over them) are not reported; Bandit reports every non-literal argument unless its call is listed in the allowed_calls option. As in Bandit, a variable is never taken as safe, even one assigned a literal (unlike django-mark-safe, which follows assignments as Bandit\'s B703 does). jinja2.Markup is recognised too.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(MARKUP_NAMES)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name === null || !MARKUP.has(name)) return;
        const arg = positionalArg(node, 0);
        if (!arg || isSafeMarkup(ctx.model, arg, { followNames: false })) return;
        ctx.report({ node, messageId: 'unescaped', data: { call: name, arg: abbreviate(arg.text, 50) } });
      },
    };
  },
});
