// CWE-639 (broken object-level authorisation): an object id the caller chose loads an object through a path that sees
// every project, and nothing compares the object's owner with the caller's project or passes the project into the
// lookup. Each ingredient comes from a model: request data from the taint sources, caller-supplied lists from the
// function's parameters by dataflow, "sees every project" from the admin-context/client model and the project's
// context-fallback facts, "scopes by project" from owner fields (data) and the cross-file scoping summary.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { callee, calleeName, descendantsOfType, keywordArg, positionalArgs } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import type { ProjectView } from '../../../index/view.js';
import { ADMIN_CONTEXT_CALLS, CLIENT_FACTORIES, ELEVATING_METHODS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { argumentValues, boundName, brief, callsIn, calleeText, carries, derivedNames, isAdminSource, line, networkCall, receiver } from '../../../rulekit/openstack.js';
import { callScoping, mayLookUpForCaller, ownerFieldOf, ownScoping } from '../../../rulekit/ownership.js';
import { callerIdLookups, headerIds, isContextArg, requestDataIn, type Source } from '../../../rulekit/ownershipSources.js';

/** Callee names an admin source can have (isAdminSource decides): a cheap filter before its name resolution. */
const ADMIN_CALL_NAMES = new RegExp(`(^|_)(${[...ELEVATING_METHODS, 'get_admin_context', ...[...ADMIN_CONTEXT_CALLS].map((c) => c.slice(c.lastIndexOf('.') + 1)), ...CLIENT_FACTORIES.map((f) => f.suffix)].join('|')})$`);

/** A call that makes an admin context (not a client): `get_admin_context()`, `ctx.elevated()`. */
function isAdminContext(model: PythonModel, call: SyntaxNode): boolean {
  const name = calleeName(call) ?? '';
  return isAdminSource(model, call) && (ADMIN_CONTEXT_CALLS.has(model.callName(call) ?? '') || name === 'get_admin_context' || ELEVATING_METHODS.has(name));
}

/**
 * The admin client/context the lookup goes through: its receiver bound here to an admin client or context, or an
 * argument bound to an admin context (a client handed to a helper is the helper's business: it may create, not load).
 */
function adminVia(model: PythonModel, admins: AdminNames, call: SyntaxNode, project: ProjectView): string | null {
  const direct = argumentValues(call).find((a) => a.type === 'call' && isAdminContext(model, a));
  if (direct) return brief(direct, 40);
  const recv = receiver(call);
  const before = (n: string): AdminName | undefined => { const b = admins.get(n); return b && b.at < call.startIndex ? b : undefined; };
  const viaReceiver = recv?.type === 'identifier' ? before(recv.text) : undefined;
  if (viaReceiver) return viaReceiver.text;
  for (const a of argumentValues(call)) {
    const bound = a.type === 'identifier' ? before(a.text) : undefined;
    if (bound?.context) return bound.text;
  }
  // A project function that makes an admin context when the caller leaves its context out (`ctxt=None`).
  const target = project.targetOf(model, call);
  const fallback = target === null ? undefined : project.contextFallback(target);
  if (fallback && positionalArgs(call).length <= fallback.index && !keywordArg(call, fallback.param)) {
    return `\`${target}\` without \`${fallback.param}\` (it falls back to an admin context)`;
  }
  return null;
}

interface AdminName { text: string; context: boolean; at: number }
type AdminNames = ReadonlyMap<string, AdminName>;

/**
 * Locals bound to an admin context or client, or to what one builds (`repo = gateway.get_repo(admin_ctx)`, `admin =
 * ctx if ctx.is_admin else ctx.elevated()`), to a fixed point, with where the binding starts: `context` says whether
 * it is a context (an argument that is a client is a helper's business) rather than a client or repository.
 */
function adminNames(model: PythonModel, body: SyntaxNode): AdminNames {
  const out = new Map<string, AdminName>();
  const assignments = descendantsOfType(body, 'assignment').filter((a) => a.childForFieldName('left')?.type === 'identifier');
  for (let changed = true; changed;) {
    changed = false;
    for (const a of assignments) {
      const left = a.childForFieldName('left')!.text;
      const right = a.childForFieldName('right');
      if (!right || out.has(left)) continue;
      const calls = callsIn(right);
      const context = calls.some((c) => isAdminContext(model, c));
      const built = context || calls.some((c) => isAdminSource(model, c)) ||
        calls.some((c) => argumentValues(c).some((v) => v.type === 'identifier' && out.get(v.text)?.context === true));
      if (!built) continue;
      out.set(left, { text: `${left} = ${brief(right, 40)}`, context, at: a.startIndex });
      changed = true;
    }
  }
  return out;
}

/** How the function the call names keeps the lookup to the caller's project: this file's definition, or the facts. */
function calleeScopes(model: PythonModel, call: SyntaxNode, project: ProjectView): string | null {
  const fn = callee(call);
  const def = fn ? model.definitionOf(fn) : null;
  if (def) return ownScoping(model, def);
  const target = project.targetOf(model, call);
  return target === null ? null : project.scopesByProject(target) ?? null;
}

/** A call of this project's own code (this file's functions, `self.…`, relative or same-package imports). */
function isProjectCall(model: PythonModel, call: SyntaxNode, project: ProjectView): boolean {
  const target = project.targetOf(model, call);
  if (target === null) return false;
  if (target.startsWith(':') || target.startsWith('.')) return true;
  return model.path.split(/[\\/]/).slice(0, -1).includes(target.split('.')[0]!);
}

export default defineRule({
  meta: {
    id: 'resource-fetched-without-ownership-check',
    cwe: 639,
    // The highest it reports: through an admin client or context.
    severity: 'critical',
    confidence: 'medium',
    languages: ['python'],
    usesProject: true,
    messages: {
      unchecked: {
        text: '{source} (line {sourceLine}) loads an object with `{fetch}` at line {fetchLine}, which is given no request context, and `{fn}` never compares its `tenant_id`/`project_id` with the caller\'s project: any project\'s object can be used by naming its id',
        fix: 'After `{fetch}` returns, compare the object\'s `tenant_id`/`project_id` with the caller\'s project (a trusted header or the request context) and fail with NotFound when they differ',
      },
      admin: {
        text: '{source} (line {sourceLine}) loads an object with `{fetch}` at line {fetchLine} through the admin client/context `{admin}`, and `{fn}` never compares its `tenant_id`/`project_id` with the caller\'s project: the admin lookup sees every project\'s objects',
        fix: 'Compare the fetched object\'s `tenant_id`/`project_id` with the caller\'s project before using it, or look it up with the caller\'s own (non-admin) client or a project-scoped query',
      },
      adminAct: {
        text: '{source} (line {sourceLine}) loads an object with `{fetch}` at line {fetchLine}, then `{act}` (line {actLine}) acts on it through the admin client `{admin}`, and `{fn}` never compares its `tenant_id`/`project_id` with the caller\'s project: an admin caller\'s lookup sees every project, and the admin write binds another project\'s object',
        fix: 'Compare the fetched object\'s `tenant_id`/`project_id` with the instance\'s or caller\'s project before `{act}`, and fail (NotUsable/NotFound) when they differ',
      },
    },
    docs: {
      summary: 'Object loaded by a caller-supplied id, through a path that sees every project, without comparing its owner',
      why: 'Class: broken object-level authorisation (CWE-639, CWE-862; OWASP API Security Top 10 2023 API1 "Broken Object Level Authorization"). An id the caller chose — a request header, a body field, an item of a list the caller passed in — loads an object through a path that sees every project: an admin client or an elevated/admin context, a project function that falls back to an admin context when no context is passed, or a lookup given no request context at all (the metadata proxy\'s `X-Instance-ID`). Unless the code compares the loaded object\'s `tenant_id`/`project_id` with the caller\'s project, or passes the caller\'s project into a lookup that filters by it, a tenant can read, attach or modify another tenant\'s object by naming its id. Cases: nova\'s metadata handler trusted `X-Instance-ID` without comparing `X-Tenant-ID` with the instance\'s project (OSSA-2014-010); nova attached a port requested by id without comparing its `tenant_id` with the instance\'s project, through the admin port client (OSSA-2014-008); cyborg\'s ARQ get/list/destroy never restricted the lookup to `context.project_id`; neutron\'s FWaaS inserted another tenant\'s firewall rules into a policy. Owners are recognised from owner fields (`tenant_id`, `project_id`, `owner`, `user_id`: models/python/openstack/context.ts) compared, used as a filter or policy target, or passed into a call; a callee that does so — in this file or, through the project facts, in another — scopes the lookup.',
      example: 'def attach_requested_ports(self, context, instance, requested_networks):\n    admin = get_client(context, admin=True)\n    for request in requested_networks:\n        port = admin.show_port(request.port_id)["port"]\n        self._bind(port, instance)\n',
      useInstead: 'def attach_requested_ports(self, context, instance, requested_networks):\n    admin = get_client(context, admin=True)\n    for request in requested_networks:\n        port = admin.show_port(request.port_id)["port"]\n        if port["tenant_id"] != instance.project_id:\n            raise exception.PortNotUsable(port_id=request.port_id)\n        self._bind(port, instance)\n',
      fix: 'Compare the owner of every object loaded by a caller-supplied id with the caller\'s project (or pass the project into a lookup that filters by it) before using the object.',
      references: [
        'https://cwe.mitre.org/data/definitions/639.html', 'https://cwe.mitre.org/data/definitions/862.html',
        'https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/',
        'https://security.openstack.org/ossa/OSSA-2014-010.html', 'https://security.openstack.org/ossa/OSSA-2014-008.html',
      ],
    },
  },
  create(ctx): Visitors {
    const model = ctx.model;
    // No test code, and no file without a lookup by an id its caller chose: no visitor there.
    if (model.isTestCode() || !mayLookUpForCaller(model)) return {};
    return {
      function_definition(fn) {
        const body = fn.childForFieldName('body');
        if (!body) return;
        const calls = callsIn(body);
        const headers = headerIds(body);
        // Every report needs an admin path or a header id: most functions have neither and stop here.
        const fallbacks = ctx.project.slice.contextFallbacks;
        const mayBeAdmin = calls.some((c) => ADMIN_CALL_NAMES.test(calleeName(c) ?? '') && isAdminSource(model, c)) ||
          (fallbacks !== undefined && calls.some((c) => { const t = ctx.project.targetOf(model, c); return t !== null && Object.hasOwn(fallbacks, t); }));
        if (!mayBeAdmin && headers.size === 0) return;
        const admins = mayBeAdmin ? adminNames(model, body) : new Map<string, AdminName>();
        const request = mayBeAdmin ? requestDataIn(model, fn, body) : (): null => null;
        for (const { call, sources } of callerIdLookups(model, fn, body, request, headers)) {
          if (callScoping(model, call) !== null || calleeScopes(model, call, ctx.project) !== null || ownerChecked(model, body, call, ctx.project)) continue;
          const admin = mayBeAdmin ? adminVia(model, admins, call, ctx.project) : null;
          let src: Source | undefined;
          let act: { call: SyntaxNode; admin: string } | null = null;
          if (admin) src = sources[0];
          // A header id (a trusted proxy path) looked up by project code that is given no request context.
          else src = sources.find((s) => s.via === 'header' && isProjectCall(model, call, ctx.project) && !argumentValues(call).some(isContextArg));
          // An item of the caller's list read through the caller's client, then written through an admin client.
          if (!src && !admin && networkCall(call)?.op === 'read') {
            const item = sources.find((s) => s.via === 'item');
            act = item && mayBeAdmin ? adminWriteOf(model, body, admins, call, ctx.project) : null;
            if (act) src = item;
          }
          if (!src) continue;
          const anchor = src.via === 'item' || src.via === 'request' ? src.arg : src.node;
          const data = {
            source: src.describe, sourceLine: line(src.node), fetch: calleeText(call), fetchLine: line(call),
            fn: fn.childForFieldName('name')?.text ?? '', admin: act?.admin ?? admin ?? '', act: act ? calleeText(act.call) : '', actLine: act ? line(act.call) : 0,
          };
          ctx.report({
            node: anchor,
            messageId: act ? 'adminAct' : admin ? 'admin' : 'unchecked',
            severity: act || admin ? 'critical' : 'high',
            data,
            evidence: [
              { node: src.node, message: `${src.describe}: an id chosen by the caller (line ${line(src.node)})` },
              { node: call, message: `loaded by \`${calleeText(call)}\` (line ${line(call)}), owner never compared` },
              ...(act ? [{ node: act.call, message: `acted on through the admin client (line ${line(act.call)})` }] : []),
            ],
          });
          return;
        }
      },
    };
  },
});

/**
 * The object `fetch` loaded has its owner compared after it (`port['tenant_id'] != instance.project_id`), or is handed
 * to a function (here or in another file) that compares or scopes by an owner (`self._check_owner(port, ctx)`).
 */
function ownerChecked(model: PythonModel, body: SyntaxNode, fetch: SyntaxNode, project: ProjectView): boolean {
  const bound = boundName(fetch);
  if (!bound) return false;
  const names = derivedNames(body, [bound.name], fetch.endIndex);
  for (const cmp of descendantsOfType(body, 'comparison_operator')) {
    if (cmp.startIndex > fetch.endIndex && cmp.namedChildren.some((side) => side !== null && ownerFieldOf(side) !== null && carries(side, names))) return true;
  }
  return callsIn(body).some((c) => c.startIndex > fetch.endIndex && argumentValues(c).some((a) => carries(a, names)) && calleeScopes(model, c, project) !== null);
}

/** A network write after `fetch` through an admin client that carries the object `fetch` loaded (`update_port(port['id'], …)`). */
function adminWriteOf(model: PythonModel, body: SyntaxNode, admins: AdminNames, fetch: SyntaxNode, project: ProjectView): { call: SyntaxNode; admin: string } | null {
  const bound = boundName(fetch);
  if (!bound) return null;
  const names = new Set([bound.name]);
  for (const c of callsIn(body)) {
    if (c.startIndex <= fetch.endIndex) continue;
    const op = networkCall(c)?.op;
    if (op !== 'update' && op !== 'create') continue;
    if (!argumentValues(c).some((a) => carries(a, names))) continue;
    const admin = adminVia(model, admins, c, project);
    if (admin) return { call: c, admin };
  }
  return null;
}
