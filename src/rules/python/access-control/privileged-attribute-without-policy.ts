// CWE-863: a neutron-style resource attribute map lets API callers write an attribute that changes privileges
// (device_owner, binding:*, shared, router:external, provider:*, port_security_enabled …) without
// `'enforce_policy': True`, so the attribute-level policy rules in policy.yaml are never consulted for it.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { stringValue } from '../../../languages/python/syntax.js';
import { PRIVILEGED_ATTRIBUTES } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { line } from '../../../rulekit/openstack.js';

/** The `key: value` entries of a dict literal whose keys are string literals. */
function entries(dict: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const p of dict.namedChildren) {
    if (p?.type !== 'pair') continue;
    const key = stringValue(p.childForFieldName('key'));
    const value = p.childForFieldName('value');
    if (key !== null && value) out.set(key, value);
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'privileged-attribute-without-policy',
    cwe: 863,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      noPolicy: {
        text: 'Attribute `{attr}` is writable on {ops} (line {line}) but has no `\'enforce_policy\': True`: the `{op}:{attr}` policy rule is never evaluated, so any project member can set it',
        fix: 'Add `\'enforce_policy\': True` to the `{attr}` entry and define `{op}:{attr}` (admin or owner-only) in the policy defaults',
      },
    },
    docs: {
      summary: 'Privilege-changing attribute writable through the API without attribute-level policy enforcement',
      why: 'Neutron evaluates per-attribute rules such as `update_port:device_owner` only for attributes marked `enforce_policy`. Attributes that decide trust (a port\'s device_owner exempts it from anti-spoofing, binding attributes pick the host, `shared` exposes a network to all projects) must be checked; otherwise a tenant sets them on its own resources and bypasses the protections they control (CWE-863).',
      example: 'RESOURCE_ATTRIBUTE_MAP = {\n    "ports": {\n        "device_owner": {"allow_post": True, "allow_put": True,\n                         "validate": {"type:string": 255},\n                         "default": "", "is_visible": True},\n    },\n}\n',
      useInstead: 'RESOURCE_ATTRIBUTE_MAP = {\n    "ports": {\n        "device_owner": {"allow_post": True, "allow_put": True,\n                         "validate": {"type:string": 255},\n                         "default": "", "is_visible": True,\n                         "enforce_policy": True},\n    },\n}\n',
      fix: 'Mark every writable attribute that affects isolation or privileges with `enforce_policy: True` and give it an explicit policy rule.',
      references: ['https://cwe.mitre.org/data/definitions/863.html', 'https://docs.openstack.org/neutron/latest/contributor/internals/policy.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      pair(node) {
        const attr = stringValue(node.childForFieldName('key'));
        const value = node.childForFieldName('value');
        if (attr === null || !PRIVILEGED_ATTRIBUTES.has(attr) || value?.type !== 'dictionary') return;
        const spec = entries(value);
        const ops = (['allow_post', 'allow_put'] as const).filter((k) => spec.get(k)?.type === 'true');
        if (ops.length === 0 || spec.get('enforce_policy')?.type === 'true') return;
        // The collection this attribute belongs to (`'ports': {...}`) names the policy action (`update_port`).
        const ownerKey = node.parent?.type === 'dictionary' && node.parent.parent?.type === 'pair' ? node.parent.parent.childForFieldName('key') : null;
        // `'ports': {...}` or a constant such as `PORTS: {...}`.
        const owner = ownerKey ? stringValue(ownerKey) ?? (ownerKey.type === 'identifier' ? ownerKey.text.toLowerCase() : null) : null;
        const resource = owner ? owner.replace(/ies$/, 'y').replace(/s$/, '') : '<resource>';
        const op = `${ops.includes('allow_put') ? 'update' : 'create'}_${resource}`;
        ctx.report({
          node: node.childForFieldName('key')!,
          messageId: 'noPolicy',
          data: { attr, ops: ops.map((o) => (o === 'allow_post' ? 'create' : 'update')).join(' and '), line: line(node), op },
        });
      },
    };
  },
});
