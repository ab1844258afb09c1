// CWE-639: an object id chosen by the caller (an `X-…-ID` request header, the `port_id` of a requested network, a
// body field) loads the object, and the function never compares its `tenant_id`/`project_id` with the caller's
// project. Through an admin client or elevated context the lookup sees every project, so the id alone decides.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { calleeName, descendantsOfType, mentionsName, stringValue } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { ID_HEADER, OWNER_FIELDS, PROJECT_HEADER, USER_COLLECTION_NAMES } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { argumentValues, brief, callsIn, calleeText, isAdminSource, line, networkCall, receiver } from '../../../rulekit/openstack.js';

/** Calls that load one object by id. */
const FETCH = /^(show_\w+|_?get_\w+|find_\w+)$/;
/** Client operations that act on what was loaded (bind it to an instance, change it, create beside it). */
const WRITES: ReadonlySet<string> = new Set(['create', 'update']);
/** Helpers whose name says they check ownership. */
const OWNER_CHECK = /(check|validate|verify|ensure|assert)\w*(owner|tenant|project|access)/i;
const REQUEST_ITEM = /^(request|req|requested_\w+|net_request)$/;

interface IdSource {
  node: SyntaxNode;
  describe: string;
  matches(arg: SyntaxNode): boolean;
  /** Report at the id inside the fetch (an attribute read where it is used), not at `node`. */
  atUse?: boolean;
  /** Header ids arrive through a trusted proxy path: any lookup by them counts, not only client reads. */
  trusted?: boolean;
}

/** Ids the caller chose, found in `fn`: header reads, attributes of requested items, body fields. */
function idSources(model: PythonModel, fn: SyntaxNode, body: SyntaxNode): IdSource[] {
  const out: IdSource[] = [];
  const hasBody = model.parameters(fn).some((p) => p.name === 'body');
  for (const a of descendantsOfType(body, 'assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    const header = headerName(right);
    if (header && ID_HEADER.test(header) && !PROJECT_HEADER.test(header)) {
      const name = left.text;
      out.push({ node: a, describe: `header \`${header}\``, matches: (arg) => mentionsName(arg, new Set([name])), trusted: true });
    } else if (hasBody && /^body\b/.test(right.text) && /_id['"]\]?\)?$/.test(right.text)) {
      const name = left.text;
      out.push({ node: a, describe: `request body \`${brief(right, 40)}\``, matches: (arg) => mentionsName(arg, new Set([name])) });
    }
  }
  // `for request in requested_networks: … show_port(request.port_id)`
  const itemVars = new Set<string>();
  for (const f of descendantsOfType(body, 'for_statement')) {
    const left = f.childForFieldName('left');
    const right = f.childForFieldName('right');
    if (left?.type === 'identifier' && right && (REQUEST_ITEM.test(left.text) || USER_COLLECTION_NAMES.test(right.text) || /requested_\w+/.test(right.text))) itemVars.add(left.text);
  }
  if (itemVars.size === 0) return out;
  for (const attr of descendantsOfType(body, 'attribute')) {
    const obj = attr.childForFieldName('object');
    const name = attr.childForFieldName('attribute')?.text ?? '';
    if (obj?.type !== 'identifier' || !itemVars.has(obj.text) || !/_id$/.test(name) || /^(project|tenant|user)_id$/.test(name)) continue;
    const text = attr.text;
    out.push({ node: attr, describe: `the requested \`${text}\``, matches: (arg) => arg.text === text, atUse: true });
  }
  return out;
}

/** `req.headers.get('X-Instance-ID')` / `req.headers['X-Instance-ID']` → the header name. */
function headerName(expr: SyntaxNode): string | null {
  if (expr.type === 'call' && calleeName(expr) === 'get' && /\.headers$/.test(receiver(expr)?.text ?? '')) return stringValue(argumentValues(expr)[0] ?? null);
  if (expr.type === 'subscript' && /\.headers$/.test(expr.childForFieldName('value')?.text ?? '')) return stringValue(expr.childForFieldName('subscript'));
  return null;
}

/** The function compares some owner field (`port['tenant_id'] != instance.project_id`) or calls an owner check. */
function comparesOwner(body: SyntaxNode): boolean {
  for (const cmp of descendantsOfType(body, 'comparison_operator')) {
    for (const side of cmp.namedChildren) {
      if (!side) continue;
      const key = side.type === 'subscript' ? stringValue(side.childForFieldName('subscript')) : side.type === 'attribute' ? side.childForFieldName('attribute')?.text : null;
      if (key && OWNER_FIELDS.has(key)) return true;
      if (side.type === 'call' && calleeName(side) === 'get' && OWNER_FIELDS.has(stringValue(argumentValues(side)[0] ?? null) ?? '')) return true;
    }
  }
  return callsIn(body).some((c) => OWNER_CHECK.test(calleeName(c) ?? ''));
}

/** The receiver or the context argument of `fetch` is an admin client / admin context bound in this function. */
function adminVia(model: PythonModel, body: SyntaxNode, fetch: SyntaxNode): string | null {
  const candidates = [receiver(fetch), ...argumentValues(fetch)].filter((n): n is SyntaxNode => n !== null && n.type === 'identifier');
  for (const a of descendantsOfType(body, 'assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || !candidates.some((c) => c.text === left.text)) continue;
    if (callsIn(right).some((c) => isAdminSource(model, c))) return `${left.text} = ${brief(right, 40)}`;
  }
  const direct = argumentValues(fetch).find((a) => a.type === 'call' && isAdminSource(model, a));
  return direct ? brief(direct, 40) : null;
}

export default defineRule({
  meta: {
    id: 'resource-fetched-without-ownership-check',
    cwe: 639,
    // The highest it reports: through an admin client or context; through the caller's own client it is high.
    severity: 'critical',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      unchecked: {
        text: '{source} (line {sourceLine}) loads an object with `{fetch}` at line {fetchLine}, and `{fn}` never compares its `tenant_id`/`project_id` with the caller\'s project: any project\'s object can be used by naming its id',
        fix: 'After `{fetch}` returns, compare the object\'s `tenant_id`/`project_id` with the request context\'s (or the instance\'s) project and fail with NotFound/NotUsable when they differ',
      },
      admin: {
        text: '{source} (line {sourceLine}) loads an object with `{fetch}` at line {fetchLine} through the admin client/context `{admin}`, and `{fn}` never compares its `tenant_id`/`project_id` with the caller\'s project: the admin lookup sees every project\'s objects',
        fix: 'Compare the fetched object\'s `tenant_id`/`project_id` with the caller\'s project before using it, or look it up with the caller\'s own (non-admin) client',
      },
    },
    docs: {
      summary: 'Object loaded by a caller-supplied id without comparing its owner with the caller\'s project',
      why: 'Ids in headers, request bodies and requested-network lists are chosen by the caller. Services often resolve them with an admin client or a trusted proxy path that sees every project. Unless the code compares the loaded object\'s `tenant_id`/`project_id` with the caller\'s project, a tenant can attach, read or modify another tenant\'s port, instance metadata or volume just by naming its id (CWE-639, CWE-862). Through the caller\'s own client the service\'s policy already limits what a plain read returns, so there the rule reports only when the function then acts on it (a create or update through the client: binding the port to an instance), as nova did when an admin attached another project\'s port; through an admin client or a trusted header path any lookup is reported.',
      example: 'def attach_requested_ports(self, context, instance, requested_networks):\n    admin = get_client(context, admin=True)\n    for request in requested_networks:\n        port = admin.show_port(request.port_id)["port"]\n        self._bind(port, instance)\n',
      useInstead: 'def attach_requested_ports(self, context, instance, requested_networks):\n    admin = get_client(context, admin=True)\n    for request in requested_networks:\n        port = admin.show_port(request.port_id)["port"]\n        if port["tenant_id"] != instance.project_id:\n            raise exception.PortNotUsable(port_id=request.port_id)\n        self._bind(port, instance)\n',
      fix: 'Compare the owner of every object loaded by a caller-supplied id with the caller\'s project (or pass the project into a lookup that filters by it) before using the object.',
      references: ['https://cwe.mitre.org/data/definitions/639.html', 'https://cwe.mitre.org/data/definitions/862.html', 'https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/'],
    },
  },
  create(ctx) {
    return {
      function_definition(fn) {
        if (ctx.model.isTestCode()) return;
        const body = fn.childForFieldName('body');
        if (!body) return;
        const sources = idSources(ctx.model, fn, body);
        if (sources.length === 0 || comparesOwner(body)) return;
        for (const src of sources) {
          const fetch = callsIn(body).find((c) => c.endIndex > src.node.startIndex && FETCH.test(calleeName(c) ?? '') && ctx.model.loggingCall(c) === null &&
            argumentValues(c).some((a) => src.matches(a)) &&
            // A project passed along means the callee scopes the lookup (`get_metadata(instance_id, tenant_id)`).
            !argumentValues(c).some((a) => /project|tenant/i.test(a.text)));
          if (!fetch) continue;
          const admin = adminVia(ctx.model, body, fetch);
          // Header ids come through a trusted proxy path; other ids are judged at direct client reads and by-id
          // record lookups, where no service-side scoping is visible.
          // Helpers (`self._get_port_info(ctx, admin, id)`) may check inside; only direct reads are judged here.
          if (!src.trusted && !(networkCall(fetch)?.op === 'read' || /by_\w*id/.test(calleeName(fetch) ?? ''))) continue;
          // Using the object means acting on it: a function that only reads what it loaded (validating a request,
          // picking a scheduling segment) through the caller's own client gets what the service's policy lets
          // that caller see. The defect is binding or changing it: a create/update through the client follows.
          if (!src.trusted && !admin && !callsIn(body).some((c) => c.startIndex > fetch.endIndex && WRITES.has(networkCall(c)?.op ?? ''))) continue;
          const anchor = src.atUse ? argumentValues(fetch).find((a) => src.matches(a)) ?? src.node : src.node;
          const data = { source: src.describe[0]!.toUpperCase() + src.describe.slice(1), sourceLine: line(anchor), fetch: calleeText(fetch), fetchLine: line(fetch), fn: fn.childForFieldName('name')?.text ?? '', admin: admin ?? '' };
          ctx.report({
            node: anchor,
            messageId: admin ? 'admin' : 'unchecked',
            severity: admin ? 'critical' : 'high',
            data,
            evidence: [
              { node: src.node, message: `${src.describe}: an id chosen by the caller (line ${line(src.node)})` },
              { node: fetch, message: `loaded by \`${calleeText(fetch)}\` (line ${line(fetch)}), owner never compared` },
            ],
          });
          return;
        }
      },
    };
  },
});
