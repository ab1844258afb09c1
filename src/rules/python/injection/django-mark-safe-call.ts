// B308: django.utils.safestring.mark_safe() (and the SafeString class) applied to a computed string. A literal
// string is constant markup the developer wrote, so it is not reported.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { argument, isConstant } from '../../../languages/python/syntax.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B308'), {
  // A notice (`--profile bandit`): django-mark-safe (B703) judges the same calls by what the argument holds and
  // reports the unsafe ones; this rule adds only duplicates of those and calls whose argument B703 showed escaped.
  profile: 'bandit',
  refine({ call }) {
    const value = argument(call, 0, 's');
    return value && isConstant(value) ? null : {};
  },
  docs: {
    summary: 'Computed string marked safe for Django templates',
    why: 'mark_safe() tells Django\'s templates not to escape the string. When any part of it comes from a user, a database row or an API, its `<script>` tags and event-handler attributes reach the browser intact and run in other users\' sessions (CWE-79).',
    example: 'from django.utils.safestring import mark_safe\n\ndef greeting(name):\n    return mark_safe("<b>Hello %s</b>" % name)\n',
    useInstead: 'from django.utils.html import format_html\n\ndef greeting(name):\n    return format_html("<b>Hello {}</b>", name)\n',
    fix: 'Let format_html() assemble the markup (it escapes every argument), or escape() each variable part before concatenating; mark only constant markup as safe.',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe',
    ],
    banditDifferences: 'Bandit reports every mark_safe() call, also `mark_safe("<br>")` on a literal, which cannot carry input; pillar does not. pillar also reports the equivalent `SafeString(...)` / `SafeText(...)` constructors. B703 (the django_mark_safe plugin) performs a deeper analysis of the argument and is a separate rule.',
  },
});
