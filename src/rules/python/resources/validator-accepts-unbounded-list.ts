// CWE-770: an API input validator walks a caller-supplied list (address pairs, routes, rules, ports) element by
// element and never bounds its length, so one request can make the service store and process any number of them.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { descendantsOfType } from '../../../languages/python/syntax.js';
import { LENGTH_BOUND, VALIDATOR_NAME } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { line } from '../../../rulekit/openstack.js';

const ASSIGNMENT_CALL_NODES = new Set(['assignment', 'call']);

export default defineRule({
  meta: {
    id: 'validator-accepts-unbounded-list',
    cwe: 770,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      unbounded: {
        text: '`{fn}` validates every element of `{param}` (loop at line {line}) but never limits how many there are: a request can carry any number of entries, each stored and applied by the service',
        fix: 'Reject `{param}` when `len({param})` exceeds a configured maximum (or a quota) before the loop at line {line}',
      },
    },
    docs: {
      summary: 'Input validator iterates a caller-supplied list without bounding its length',
      why: 'Validators are the API\'s only gate on request attributes. When a list attribute (allowed address pairs, host routes, firewall rule ids) is checked element by element but its length is not limited, a tenant can attach thousands of entries to one port or router; every agent then programs them into iptables, OVS or the database on each sync, exhausting memory and CPU for all tenants (CWE-770).',
      example: 'def _validate_host_routes(routes, valid_values=None):\n    for route in routes:\n        if "nexthop" not in route:\n            return "missing nexthop"\n',
      useInstead: 'def _validate_host_routes(routes, valid_values=None):\n    if len(routes) > cfg.CONF.max_subnet_host_routes:\n        return "too many host routes"\n    for route in routes:\n        if "nexthop" not in route:\n            return "missing nexthop"\n',
      fix: 'Compare the list\'s length with a configured maximum (or check quota) and reject the request before validating the elements.',
      references: ['https://cwe.mitre.org/data/definitions/770.html', 'https://docs.openstack.org/neutron-lib/latest/reference/index.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      function_definition(fn) {
        const name = fn.childForFieldName('name')?.text ?? '';
        if (!VALIDATOR_NAME.test(name)) return;
        const params = ctx.model.parameters(fn);
        const param = params.find((p) => !p.receiver);
        const body = fn.childForFieldName('body');
        if (!param || !body || LENGTH_BOUND.test(body.text)) return;
        // API attribute validators only: neutron's `(data, valid_values=None)` signature, or one registered by
        // reference (`validators['type:x'] = _validate_x`), or a method of an API controller.
        if (!params.some((p) => p.name === 'valid_values') && !registered(ctx.model.root, name) && !inController(ctx.model, fn)) return;
        const loop = descendantsOfType(body, 'for_statement').find((f: SyntaxNode) => f.childForFieldName('right')?.text === param.name);
        if (!loop) return;
        ctx.report({
          node: loop.childForFieldName('right')!,
          messageId: 'unbounded',
          data: { fn: name, param: param.name, line: line(loop) },
          evidence: [
            { node: param.node, message: `\`${param.name}\` is the caller's list` },
            { node: loop, message: `each element validated, the count never (line ${line(loop)})` },
          ],
        });
      },
    };
  },
});

/** The function is referenced as a value somewhere in the module (registered in a validator table). */
function registered(root: SyntaxNode, name: string): boolean {
  return descendantsOfType(root, ASSIGNMENT_CALL_NODES).some((n) => {
    const values = n.type === 'assignment' ? [n.childForFieldName('right')] : (n.childForFieldName('arguments')?.namedChildren ?? []);
    return values.some((v) => v?.type === 'identifier' && v.text === name);
  });
}

function inController(model: PythonModel, fn: SyntaxNode): boolean {
  const cls = model.enclosingClass(fn);
  return !!cls && model.classBases(cls).some((b) => /Controller$/.test(b.text));
}
