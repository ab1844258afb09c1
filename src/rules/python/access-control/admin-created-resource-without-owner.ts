// CWE-708: a network resource created for a user's request through an admin client (`get_client(ctx,
// admin=True)`) without `tenant_id`/`project_id` in its body. Neutron assigns it to the admin client's own project,
// so the user cannot see or delete it and its quota is charged to the service project.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { descendantsOfType, enclosingFunction, stringValue } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { OWNED_ON_CREATE, OWNER_BODY_KEYS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { argumentValues, brief, callsIn, calleeText, isAdminSource, line, networkCall, receiver } from '../../../rulekit/openstack.js';

const ASSIGNMENT_CALL_NODES = new Set(['assignment', 'call']);

const ADMIN_NAME = /(^|_)admin(_|$)|admin_client|neutron_admin/i;

/** How the receiver is an admin client: bound from an admin factory in this function, or named so. */
function adminClient(model: PythonModel, fnBody: SyntaxNode, obj: SyntaxNode): string | null {
  if (obj.type === 'call' && isAdminSource(model, obj)) return brief(obj, 40);
  if (obj.type !== 'identifier') return null;
  for (const a of descendantsOfType(fnBody, 'assignment')) {
    const right = a.childForFieldName('right');
    if (a.childForFieldName('left')?.text === obj.text && right && callsIn(right).some((c) => isAdminSource(model, c))) return `${obj.text} = ${brief(right, 40)}`;
  }
  return ADMIN_NAME.test(obj.text) ? obj.text : null;
}

/** Does the body (a literal, or a local built in this function) set an owner key? Null: cannot tell. */
function setsOwner(fnBody: SyntaxNode, body: SyntaxNode): boolean | null {
  const hasOwnerKey = (n: SyntaxNode): boolean => descendantsOfType(n, 'string').concat(n.type === 'string' ? [n] : []).some((s) => OWNER_BODY_KEYS.has(stringValue(s) ?? ''));
  if (body.type === 'dictionary') return hasOwnerKey(body);
  if (body.type !== 'identifier') return null;
  let built = false;
  for (const stmt of descendantsOfType(fnBody, ASSIGNMENT_CALL_NODES)) {
    const text = stmt.text;
    if (!new RegExp(`\\b${body.text}\\b`).test(text)) continue;
    if (stmt.type === 'assignment' && stmt.childForFieldName('left')?.text === body.text) built = true;
    if (hasOwnerKey(stmt)) return true;
  }
  return built ? false : null;
}

export default defineRule({
  meta: {
    id: 'admin-created-resource-without-owner',
    cwe: 708,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      noOwner: {
        text: '`{call}` at line {line} creates a {resource} through the admin client `{admin}` with a body `{body}` that sets neither `tenant_id` nor `project_id`: it will belong to the service project, not to the user it is created for',
        fix: 'Set `\'tenant_id\'`/`\'project_id\'` in the `{resource}` body to the requesting project (e.g. `instance.project_id`), or create it with the user\'s own client',
      },
    },
    docs: {
      summary: 'Resource created with an admin client for a user without setting its owning project',
      why: 'Admin clients authenticate as the service user. A port, network or floating IP they create without an explicit `tenant_id`/`project_id` is owned by the service project: the tenant cannot list or delete it, its quota is not charged to the tenant, and other code that checks `port["tenant_id"]` against the instance\'s project then misbehaves (CWE-708).',
      example: 'def create_port_for(context, instance, network_id):\n    admin = get_client(context, admin=True)\n    body = {"port": {"network_id": network_id, "device_id": instance.uuid}}\n    return admin.create_port(body)\n',
      useInstead: 'def create_port_for(context, instance, network_id):\n    admin = get_client(context, admin=True)\n    body = {"port": {"network_id": network_id, "device_id": instance.uuid,\n                     "tenant_id": instance.project_id}}\n    return admin.create_port(body)\n',
      fix: 'Always set the owning project explicitly in bodies sent with admin credentials on behalf of a user.',
      references: ['https://cwe.mitre.org/data/definitions/708.html', 'https://docs.openstack.org/api-ref/network/v2/#create-port'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      call(node) {
        const net = networkCall(node);
        if (net?.op !== 'create' || !OWNED_ON_CREATE.has(net.resource)) return;
        const obj = receiver(node);
        const fn = enclosingFunction(node);
        const fnBody = fn?.childForFieldName('body');
        if (!obj || !fnBody) return;
        const admin = adminClient(ctx.model, fnBody, obj);
        const body = argumentValues(node)[0];
        if (!admin || !body || setsOwner(fnBody, body) !== false) return;
        ctx.report({
          node,
          messageId: 'noOwner',
          data: { call: calleeText(node), line: line(node), resource: net.resource === 'floatingip' ? 'floating IP' : net.resource.replace(/_/g, ' '), admin, body: brief(body, 40) },
        });
      },
    };
  },
});
