// CWE-1284: a validator for a free-text API field (server name, description, tag), called in this file with request
// data, checks the value's type or emptiness but never its length, so the field accepts strings of any size up to
// the request limit.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { calleeName, descendantsOfType, enclosingFunction, mentionsName, positionalArg } from '../../../languages/python/syntax.js';
import { LENGTH_BOUND, TEXT_FIELD_VALIDATOR, VALIDATOR_NAME } from '../../../models/python/openstack/index.js';
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { brief, derivedNames, line } from '../../../rulekit/openstack.js';

/**
 * A check rejects the value by raising. An `if not pools: return all_pools` picks a default for an empty value: the
 * function is a lookup helper, not the validator of a request field, so a `return` does not count as a check.
 */
const REJECT_NODES = new Set(['raise_statement']);

/**
 * A call of the validator `name` in this file whose first argument is request data: it derives from a parameter the
 * taint model makes a remote source in the calling function (an API controller's `body`, a wsgify handler's `req`).
 * Without one the value may be an operator's (a policy name read from swift.conf, a switch port from a driver's
 * config), whose size no tenant controls.
 */
function requestFedCall(model: PythonModel, name: string): SyntaxNode | null {
  for (const call of model.root.descendantsOfType('call')) {
    if (calleeName(call) !== name) continue;
    const value = positionalArg(call, 0);
    const caller = enclosingFunction(call);
    const body = caller?.childForFieldName('body');
    if (!value || !caller || !body) continue;
    const seeds = [...model.sourceParameters(caller, PYTHON_TAINT_SPEC)].filter(([, s]) => s.trust === 'remote').map(([n]) => n);
    if (seeds.length > 0 && mentionsName(value, derivedNames(body, seeds, 0))) return call;
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'validator-without-length-limit',
    cwe: 1284,
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      noLength: {
        text: '`{fn}` checks `{param}` ({checks}) but never its length: the last check is `{last}` at line {line}, so names of any size reach the database and every API response that echoes them',
        fix: 'Add `if len({param}) > <maximum>: raise` (the column size, e.g. 255) after line {line}, or validate the field with a schema that sets `maxLength`',
      },
    },
    docs: {
      summary: 'Validator of a name/description field checks type or emptiness but not length',
      why: 'Free-text fields are stored in sized database columns and copied into every listing. Without a length check, oversized values either fail deep in the database layer (an HTTP 500 instead of a 400) or, on back ends that truncate or do not enforce sizes, let one tenant store megabytes per object and bloat every response that includes it (CWE-1284, CWE-400).\n\n**Class.** Improper validation of a specified quantity (CWE-1284): the validator of a free-text request field (it rejects the value by raising after checking its type or emptiness) bounds everything but its size. Only a validator that this file calls with request data is judged: the value handed to it derives from a parameter that the taint model makes a remote source (an API controller\'s `body`, a wsgify handler\'s `req`). A validator fed from configuration or by a driver checks values no tenant controls. Real case: nova OSSA-2012-003 (CVE-2012-1585), server names of any length (`_validate_server_name` checked type and emptiness only; long names grew nova-api\'s logs; the fix added a 255 limit).',
      example: 'from nova.api.openstack import wsgi\nimport webob.exc as exc\n\n\nclass ServersController(wsgi.Controller):\n    def _validate_server_name(self, value):\n        if not isinstance(value, str):\n            raise exc.HTTPBadRequest(explanation="name is not a string")\n        if value.strip() == "":\n            raise exc.HTTPBadRequest(explanation="name is empty")\n\n    def update(self, req, id, body):\n        name = body["server"]["name"]\n        self._validate_server_name(name)\n',
      useInstead: 'from nova.api.openstack import wsgi\nimport webob.exc as exc\n\n\nclass ServersController(wsgi.Controller):\n    def _validate_server_name(self, value):\n        if not isinstance(value, str):\n            raise exc.HTTPBadRequest(explanation="name is not a string")\n        if value.strip() == "":\n            raise exc.HTTPBadRequest(explanation="name is empty")\n        if len(value) > 255:\n            raise exc.HTTPBadRequest(explanation="name is longer than 255 characters")\n\n    def update(self, req, id, body):\n        name = body["server"]["name"]\n        self._validate_server_name(name)\n',
      fix: 'Bound every free-text input by the size of the column that stores it, in the validator or in the request schema (`maxLength`).',
      references: ['https://cwe.mitre.org/data/definitions/1284.html', 'https://docs.openstack.org/nova/latest/contributor/api-guide.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      function_definition(fn) {
        const name = fn.childForFieldName('name')?.text ?? '';
        if (!VALIDATOR_NAME.test(name) || !TEXT_FIELD_VALIDATOR.test(name)) return;
        const param = ctx.model.parameters(fn).find((p) => p.name !== 'self' && p.name !== 'cls');
        const body = fn.childForFieldName('body');
        if (!param || !body || LENGTH_BOUND.test(body.text)) return;
        const names = new Set([param.name]);
        // Its checks: `if` tests on the value that reject it (raise).
        const checks = descendantsOfType(body, 'if_statement').filter((s: SyntaxNode) =>
          mentionsName(s.childForFieldName('condition'), names) && descendantsOfType(s, REJECT_NODES).length > 0);
        if (checks.length === 0) return;
        const kinds = new Set<string>();
        for (const c of checks) {
          const t = c.childForFieldName('condition')!.text;
          if (/isinstance|basestring|string_types/.test(t)) kinds.add('type');
          else if (/strip\(\)|== ''|== ""|not \w+$/.test(t)) kinds.add('emptiness');
          else if (/match|search|re\./.test(t)) kinds.add('pattern');
          else kinds.add('value');
        }
        // Format checkers (a pattern) serve schemas that bound the length themselves; a validator that owns the
        // field checks its type or emptiness.
        if (kinds.has('pattern') || !(kinds.has('type') || kinds.has('emptiness'))) return;
        const fed = requestFedCall(ctx.model, name);
        if (!fed) return;
        const last = checks[checks.length - 1]!;
        const condition = last.childForFieldName('condition')!;
        ctx.report({
          node: condition,
          messageId: 'noLength',
          data: { fn: name, param: param.name, checks: [...kinds].join(', '), last: brief(condition, 40), line: line(condition) },
          evidence: [
            { node: fed, message: `\`${brief(fed, 40)}\` (line ${line(fed)}) validates request data with it` },
            ...checks.map((c) => ({ node: c, message: `checks \`${brief(c.childForFieldName('condition')!, 40)}\` (line ${line(c)})` })),
          ],
        });
      },
    };
  },
});
