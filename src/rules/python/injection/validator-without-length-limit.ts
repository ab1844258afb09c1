// CWE-1284: a validator for a free-text API field (server name, description, tag) checks the value's type or
// emptiness but never its length, so the field accepts strings of any size up to the request limit.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { descendantsOfType, mentionsName } from '../../../languages/python/syntax.js';
import { LENGTH_BOUND, TEXT_FIELD_VALIDATOR, VALIDATOR_NAME } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { brief, line } from '../../../rulekit/openstack.js';

/**
 * A check rejects the value by raising. An `if not pools: return all_pools` picks a default for an empty value: the
 * function is a lookup helper, not the validator of a request field, so a `return` does not count as a check.
 */
const REJECT_NODES = new Set(['raise_statement']);

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
      why: 'Free-text fields are stored in sized database columns and copied into every listing. Without a length check, oversized values either fail deep in the database layer (an HTTP 500 instead of a 400) or, on back ends that truncate or do not enforce sizes, let one tenant store megabytes per object and bloat every response that includes it (CWE-1284, CWE-400).',
      example: 'def _validate_server_name(self, value):\n    if not isinstance(value, str):\n        raise exc.HTTPBadRequest(explanation="name is not a string")\n    if value.strip() == "":\n        raise exc.HTTPBadRequest(explanation="name is empty")\n',
      useInstead: 'def _validate_server_name(self, value):\n    if not isinstance(value, str):\n        raise exc.HTTPBadRequest(explanation="name is not a string")\n    if value.strip() == "":\n        raise exc.HTTPBadRequest(explanation="name is empty")\n    if len(value) > 255:\n        raise exc.HTTPBadRequest(explanation="name is longer than 255 characters")\n',
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
        const last = checks[checks.length - 1]!;
        const condition = last.childForFieldName('condition')!;
        ctx.report({
          node: condition,
          messageId: 'noLength',
          data: { fn: name, param: param.name, checks: [...kinds].join(', '), last: brief(condition, 40), line: line(condition) },
          evidence: checks.map((c) => ({ node: c, message: `checks \`${brief(c.childForFieldName('condition')!, 40)}\` (line ${line(c)})` })),
        });
      },
    };
  },
});
