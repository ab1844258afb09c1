// CWE-384: `request.session.clear()` in a Django project empties the session's data but keeps its key, so the id the
// browser holds stays valid. Used to end a session (logout, an expired or failed authentication) it leaves a fixed
// or stolen session id usable for whoever logs in next on it; Django's `flush()` deletes the session and its cookie.
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { abbreviate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'django-session-cleared-not-flushed',
    cwe: 384,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      cleared: {
        text: '`{call}` empties the session but keeps its key: the session id the browser (or an attacker who planted or stole it) holds stays valid, and the next login on it continues that session',
        fix: 'End the session with `{session}.flush()` (or django.contrib.auth.logout(request)), which deletes the data and the cookie; when a user logs in, rotate the id with `{session}.cycle_key()` (django.contrib.auth.login does)',
      },
    },
    docs: {
      summary: 'Django session emptied with clear() instead of flushed',
      why: 'Django\'s `SessionBase.clear()` removes the session\'s items and nothing else: the session key, its database row or cache entry and the cookie stay. Code that calls it to log a user out, or after a failed or expired authentication, believes the session is gone, but the id remains valid; an attacker who fixed the victim\'s session id beforehand (a cookie set through a sibling domain or a URL) shares whatever session the victim logs into next (CWE-384, session fixation), and a stolen id survives the logout.\n\n**Class.** Session not invalidated where authentication state changes: in a Django project (the file imports django), `<request>.session.clear()` instead of `flush()`/`logout()` (and no `cycle_key()` at login). Real case: horizon cleared the session at logout, on an expired session and on a failed login (OSSA-2012-006, CVE-2012-2144, session fixation and reuse); the fix flushed it and cycled the key at login. References: CWE-384; OWASP Session Management Cheat Sheet ("renew the session ID after any privilege level change", "invalidate the session on logout"); Django\'s session documentation (`flush()` is what `logout()` uses; `clear()` keeps the key).',
      example: 'from django import shortcuts\n\n\ndef logout(request):\n    request.session.clear()\n    return shortcuts.redirect("login")\n',
      useInstead: 'from django import shortcuts\nfrom django.contrib import auth\n\n\ndef logout(request):\n    auth.logout(request)\n    return shortcuts.redirect("login")\n',
      fix: 'Use `request.session.flush()` or `django.contrib.auth.logout(request)` to end a session, and `request.session.cycle_key()` (or `django.contrib.auth.login`) when a user authenticates.',
      references: [
        'https://cwe.mitre.org/data/definitions/384.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
        'https://docs.djangoproject.com/en/stable/topics/http/sessions/#django.contrib.sessions.backends.base.SessionBase.flush',
      ],
    },
  },
  create(ctx): Visitors {
    if (!ctx.model.imports.importsModule('django')) return {};
    return {
      call(node) {
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'clear') return;
        // `request.session.clear()`, `self.request.session.clear()`: in a file that uses Django, the `session` of an
        // object is its request's session (SessionMiddleware's attribute).
        const session = fn.childForFieldName('object');
        if (session?.type !== 'attribute' || session.childForFieldName('attribute')?.text !== 'session') return;
        if ((node.childForFieldName('arguments')?.namedChildCount ?? 0) > 0) return;
        ctx.report({ node, messageId: 'cleared', data: { call: abbreviate(node.text), session: session.text } });
      },
    };
  },
});
