// CWE-601: a redirect whose Location comes from the request, so a link to the trusted service forwards its users
// to a site of the attacker's choosing (phishing, token theft). Checked through the taint engine.
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'open-redirect',
    cwe: 601,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    messages: {
      location: {
        text: '`{value}` from `{source}` (line {sourceLine}) becomes the redirect target of `{sink}` at line {line}',
        fix: 'Redirect only to paths of this service or to hosts on an allow-list; check the value from `{source}` (urllib.parse.urlsplit) before `{sink}`',
      },
    },
    docs: {
      summary: 'Redirect to a location taken from the request',
      why: 'A link that points at the trusted service but carries `?next=https://evil.example` sends the user onward to the attacker\'s page, which inherits the service\'s credibility (phishing) and may receive tokens in the URL (CWE-601).',
      example: 'import webob.exc\nimport webob.dec\n\n\n@webob.dec.wsgify\ndef login_done(req):\n    target = req.GET.get("next")\n    raise webob.exc.HTTPFound(location=target)\n',
      useInstead: 'import webob.exc\nimport webob.dec\n\nALLOWED = ("/dashboard", "/servers")\n\n\n@webob.dec.wsgify\ndef login_done(req):\n    target = req.GET.get("next")\n    if target not in ALLOWED:\n        target = "/dashboard"\n    raise webob.exc.HTTPFound(location=target)\n',
      fix: 'Map the request value to a known local path, or verify with urllib.parse.urlsplit that it has no scheme and no host (or an allow-listed host) before redirecting.',
      references: ['https://cwe.mitre.org/data/definitions/601.html', 'https://security.openstack.org/guidelines/dg_avoid-unvalidated-redirects.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html'],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'redirect', trust: ['remote'] })) {
          ctx.report({
            node: f.node, messageId: 'location',
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            evidence: f.evidence,
          });
        }
      },
    };
  },
});
