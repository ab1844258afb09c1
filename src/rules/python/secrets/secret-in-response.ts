// CWE-200: a secret is sent to other parties — in a notification payload (every listener on the message bus gets
// it) or in an HTTP response body or header. One of the three reports of the sensitive-data-exposure analysis
// (rulekit/secretExposure.ts).
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { line } from '../../../rulekit/openstack.js';
import { secretExposures } from '../../../rulekit/secretExposure.js';

export default defineRule({
  meta: {
    id: 'secret-in-response',
    cwe: 200,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    usesProject: true,
    messages: {
      notification: {
        text: '{secret} is sent in the notification payload of `{sink}` at line {line}: every consumer of the notification bus receives the credential',
        fix: 'Leave the credential out of the payload, or mask the payload with `strutils.mask_dict_password(...)` first',
      },
      response: {
        text: '{secret} is put into the HTTP response built by `{sink}` at line {line}: the client receives the credential',
        fix: 'Return identifiers, never credentials; mask the body with `strutils.mask_dict_password(...)` if it must echo a request',
      },
    },
    docs: {
      summary: 'A secret (secret option, credential header or field, a value the module masks elsewhere) is sent in a notification or an HTTP response',
      why: 'Notifications go to every consumer of the message bus (billing, monitoring, third-party listeners); responses go to the API user. A credential in either reaches parties that must not have it (CWE-200).\n\n**Class.** Sensitive data exposure to other parties: a value the project declares or treats as secret flows by dataflow into an oslo.messaging notification payload (or one sent through oslo-incubator\'s `notifier.api.notify`, which projects copied before oslo.messaging), or a webob/flask response. A request\'s environ or header set counts whole, also through a helper of the file that returns a copy of it (`dict((k, v) for k, v in six.iteritems(environ) if k.isupper())`), not through one that returns a field of it. Real cases: the request-notifier middleware that neutron, nova and others copied from oslo-incubator sent the request environ, `HTTP_X_AUTH_TOKEN` included, to the notification bus (OSSA-2014-021); oslo.middleware logged the whole request. References: CWE-200, OpenStack Security Guidelines (openstack/ossa), OWASP Top 10 A01/A02 (sensitive data exposure).',
      example: 'import webob\n\n\ndef echo(req):\n    token = req.headers.get(\'X-Auth-Token\')\n    return webob.Response(body=token)\n',
      useInstead: 'import webob\n\n\ndef echo(req):\n    token = req.headers.get(\'X-Auth-Token\')\n    return webob.Response(body=str(token is not None))\n',
      fix: 'Send identifiers, never credentials; mask payloads with `strutils.mask_dict_password` before they leave the service.',
      references: ['https://cwe.mitre.org/data/definitions/200.html', 'https://security.openstack.org/guidelines/dg_avoid-logging-sensitive-data.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged.
    if (ctx.model.isTestCode()) return {};
    return {
      module() {
        for (const e of secretExposures(ctx.model, ctx.project)) {
          if (e.variant !== 'notification' && e.variant !== 'response') continue;
          ctx.report({
            node: e.argument, messageId: e.variant, data: { secret: e.secret, sink: e.sinkName, line: line(e.node) },
            evidence: [...e.evidence, { node: e.node, message: `sent by \`${e.sinkName}\` (line ${line(e.node)})` }],
          });
        }
      },
    };
  },
});
