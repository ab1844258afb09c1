// B703: django's mark_safe()/SafeString() applied to markup that may hold unescaped input. Literal markup, escaped
// values and locals built only from those are recognised as safe (rulekit/safeMarkup, shared with B704). Text safe
// only by reasoning Bandit does not do (numbers under `%d`, markup-free library calls, this file's functions that
// return safe markup) is reported with low confidence: out of the default report, kept for Bandit parity.
import { positionalArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { isSafeMarkup } from '../../../rulekit/safeMarkup.js';
import { abbreviate } from '../../../rulekit/text.js';

const MARK_SAFE = new Set(['mark_safe', 'SafeText', 'SafeUnicode', 'SafeString', 'SafeBytes']);
const MARK_SAFE_MODULES = ['django.utils.safestring', 'django.utils.html'];

export default defineRule({
  meta: {
    id: 'django-mark-safe',
    cwe: 80,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B703',
    banditName: 'django_mark_safe',
    messages: {
      unescaped: {
        text: '`{call}({arg})` marks text as safe HTML although `{arg}` may contain unescaped input: a `<script>` in it reaches the page',
        fix: 'Build the markup with django.utils.html.format_html("...{{}}...", {arg}), which escapes every argument, instead of `{call}`',
      },
      reasoned: {
        text: '`{call}({arg})` marks text as safe HTML that Bandit cannot show safe, but every part of it is literal, escaped, a number under a numeric conversion, text that holds no markup, or the return of a function of this file that builds such text',
        fix: 'Nothing unescaped reaches `{call}`; format_html() would make the escaping visible to Bandit too',
      },
    },
    docs: {
      summary: 'mark_safe() on markup that may contain unescaped input',
      why: 'mark_safe tells Django\'s templates not to escape a string. If any part of it comes from a user, a database or another service, HTML and script in that part are rendered as-is in the victim\'s browser (CWE-80).',
      example: 'from django.utils.safestring import mark_safe\n\ndef badge(user):\n    return mark_safe("<b>" + user.display_name + "</b>")\n',
      useInstead: 'from django.utils.html import format_html\n\ndef badge(user):\n    return format_html("<b>{}</b>", user.display_name)\n',
      fix: 'Use format_html / format_html_join, which escape their arguments, or escape() every untrusted part before concatenating; keep mark_safe for literal markup.',
      references: [
        'https://cwe.mitre.org/data/definitions/80.html',
        'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe',
        'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html',
      ],
      banditDifferences: 'Escaped parts (escape, conditional_escape, format_html, html.escape …), f-strings, `+` concatenation, `.join` and conditional expressions over safe parts are recognised as safe, so `mark_safe("<b>%s</b>" % escape(name))` is not reported; Bandit treats every call other than a literal `.format` as unsafe. A name counts as safe only when every definition that reaches the call is safe, as in Bandit (unpacking a tuple of literals, copies and `.format()` rebuilds of safe names included). A name used inside a function or a class body (that does not bind it) but assigned only at module level, always to literals, is taken as a constant and not reported (Bandit reports it); a module name that any function rebinds with `global` is not. Text safe only by reasoning Bandit does not do is reported with low confidence (shown with `--min-confidence low` and `--bandit-compat`, not in the default report): operands of numeric `%` conversions (`"<span>%d</span>" % n`, `%(n)d` with a dict), Django calls whose result holds no markup (timesince, timeuntil, reverse: models/python/djangoMarkupFree.ts), and calls of a function of the same file whose every `return` is safe markup (its parameters untrusted).',
    },
  },
  create(ctx) {
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name === null) return;
        const dot = name.lastIndexOf('.');
        if (!MARK_SAFE.has(name.slice(dot + 1)) || !MARK_SAFE_MODULES.includes(name.slice(0, dot))) return;
        const arg = positionalArg(node, 0) ?? null;
        if (!arg || isSafeMarkup(ctx.model, arg)) return;
        const data = { call: name.slice(dot + 1), arg: abbreviate(arg.text, 50) };
        if (isSafeMarkup(ctx.model, arg, { reasoned: true })) ctx.report({ node, messageId: 'reasoned', data, severity: 'low', confidence: 'low' });
        else ctx.report({ node, messageId: 'unescaped', data });
      },
    };
  },
});
