// CWE-639: a handler (or a decorator around handlers) overwrites an identity attribute of the request's security
// context — its project, user, roles — with a value the request itself carries: a URL path parameter, a query or
// body field, a header. The context was built from the validated token; after the assignment every policy check and
// every project-scoped lookup trusts what the caller wrote. Constants (elevation) and values taken from another
// context or the token are not judged here.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { descendantsOfType, enclosingFunction, mentionsName, positionalArgs, stringValue, targetNames } from '../../../languages/python/syntax.js';
import { CONTEXT_IDENTITY_ATTRIBUTES, REQUEST_DATA_ATTRIBUTES, URL_ROUTING_ENVIRON_KEY } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { brief, line } from '../../../rulekit/openstack.js';

/** `req.context` / `request.environ['x.context']` / a name bound from one in `body`: the request's security context. */
function isRequestContext(obj: SyntaxNode, body: SyntaxNode): boolean {
  if (obj.type === 'attribute' && obj.childForFieldName('attribute')?.text === 'context') return true;
  if (obj.type === 'subscript' && /context/.test(obj.childForFieldName('subscript')?.text ?? '') && /\.environ$/.test(obj.childForFieldName('value')?.text ?? '')) return true;
  if (obj.type !== 'identifier') return false;
  return descendantsOfType(body, 'assignment').some((a) => a.childForFieldName('left')?.text === obj.text && a.startIndex < obj.startIndex &&
    isRequestContext(a.childForFieldName('right') ?? a, body));
}

/** `environ['wsgiorg.routing_args']`: the variables the URL router matched in the path. */
function readsRoutingArgs(n: SyntaxNode): boolean {
  return n.type === 'subscript' && stringValue(n.childForFieldName('subscript')) === URL_ROUTING_ENVIRON_KEY;
}

/**
 * A call of a function of this file that reads the routing args out of the environ it is given, passed a request's
 * `environ` (`self.get_action_args(request.environ)`, the wsgi.Resource helper OpenStack services share): it returns
 * the URL's path variables.
 */
function routingArgsHelper(model: PythonModel, call: SyntaxNode, requestNames: ReadonlySet<string>): boolean {
  const fn = call.childForFieldName('function');
  const passesEnviron = positionalArgs(call).some((a) => a.type === 'attribute' && a.childForFieldName('attribute')?.text === 'environ' &&
    a.childForFieldName('object')?.type === 'identifier' && requestNames.has(a.childForFieldName('object')!.text));
  const def = fn && passesEnviron ? model.definitionOf(fn) : null;
  return def !== null && def.descendantsOfType('subscript').some(readsRoutingArgs);
}

/**
 * Where the request supplies `value`: a parameter of the handler other than the request and the controller (the
 * router fills them from the URL), a read of the request's params/body/headers, or of the path variables the URL router
 * left in the environ. Returns a description or null.
 */
function requestSource(model: PythonModel, fn: SyntaxNode, body: SyntaxNode, value: SyntaxNode, requestNames: Set<string>): string | null {
  const params = model.parameters(fn).slice(1).map((p) => p.name).filter((n) => !requestNames.has(n) && !/^(self|cls)$/.test(n));
  const readsRequest = (e: SyntaxNode | null): SyntaxNode | null => {
    if (!e) return null;
    for (const a of descendantsOfType(e, 'attribute').concat(e.type === 'attribute' ? [e] : [])) {
      const obj = a.childForFieldName('object');
      if (obj?.type === 'identifier' && requestNames.has(obj.text) && REQUEST_DATA_ATTRIBUTES.has(a.childForFieldName('attribute')?.text ?? '')) return a;
    }
    for (const s of descendantsOfType(e, 'subscript').concat(e.type === 'subscript' ? [e] : [])) if (readsRoutingArgs(s)) return s;
    for (const c of descendantsOfType(e, 'call').concat(e.type === 'call' ? [e] : [])) if (routingArgsHelper(model, c, requestNames)) return c;
    return null;
  };
  // A read of request data is an attribute of the request; a subscript or a call reads the URL's path variables.
  const describe = (read: SyntaxNode): string => read.type === 'attribute' ? `the request's \`${brief(read, 30)}\`` : `the URL path variables \`${brief(read, 40)}\` holds`;
  // Names holding a parameter or request data, through local assignments before the value is used.
  const from = new Map<string, string>(params.map((p) => [p, `the parameter \`${p}\` the router fills from the request`]));
  for (const a of descendantsOfType(body, 'assignment')) {
    if (a.startIndex >= value.startIndex) continue;
    const right = a.childForFieldName('right');
    const read = readsRequest(right);
    const via = read ? describe(read) : [...from].find(([n]) => mentionsName(right, new Set([n])))?.[1];
    if (via) for (const t of targetNames(a.childForFieldName('left'))) if (!from.has(t)) from.set(t, via);
  }
  if (value.type === 'identifier' && from.has(value.text)) return from.get(value.text)!;
  const read = readsRequest(value);
  return read ? describe(read) : null;
}

export default defineRule({
  meta: {
    id: 'context-identity-from-request',
    cwe: 639,
    severity: 'critical',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      overwritten: {
        text: '`{target} = {value}` sets the caller\'s {attr} in the request context from {source}: the caller chooses the {attr} every later policy check and project-scoped lookup uses',
        fix: 'Do not overwrite `{target}`; compare the request\'s value with it instead and refuse (HTTP 403) when they differ',
      },
    },
    docs: {
      summary: 'Request context identity (project, user, roles) overwritten with a value from the request',
      why: 'Class: authorization bypass through a user-controlled key (CWE-639). The request context is built by the auth middleware from the validated token. When a handler or a decorator assigns `req.context.tenant_id` (or `project_id`, `user_id`, `roles`) from the URL path, a query parameter, the body or a header, the caller picks the project they act in: every policy check and every lookup scoped by `context.project_id` then trusts that choice. Heat\'s `tenant_local` decorator did exactly this with the tenant id from the URL (OSSA-2013-035, "Heat ReST API doesn\'t respect tenant scoping"), and so did Nova\'s API `Resource`, which popped `project_id` from the path variables the URL router left in the environ (`wsgiorg.routing_args`) and wrote it into the request context (OSSA-2012-001, CVE-2012-0030). Assignments of constants (an admin context made on purpose) and of values from the token or another context are not judged.',
      example: 'def scoped(handler):\n    def wrapper(controller, req, project_id, **kwargs):\n        req.context.project_id = project_id\n        return handler(controller, req, **kwargs)\n    return wrapper\n',
      useInstead: 'def scoped(handler):\n    def wrapper(controller, req, project_id, **kwargs):\n        if req.context.project_id != project_id:\n            raise exc.HTTPForbidden()\n        return handler(controller, req, **kwargs)\n    return wrapper\n',
      fix: 'Keep the identity the token gave; compare the request\'s project/user with the context\'s and refuse a mismatch.',
      references: ['https://cwe.mitre.org/data/definitions/639.html', 'https://security.openstack.org/ossa/OSSA-2013-035.html', 'https://security.openstack.org/ossa/OSSA-2012-001.html', 'https://docs.openstack.org/oslo.context/latest/user/usage.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestSupport()) return {};
    return {
      assignment(node) {
        const left = node.childForFieldName('left');
        const value = node.childForFieldName('right');
        if (left?.type !== 'attribute' || !value) return;
        const attr = left.childForFieldName('attribute')?.text ?? '';
        const obj = left.childForFieldName('object');
        if (!CONTEXT_IDENTITY_ATTRIBUTES.has(attr) || !obj) return;
        const fn = enclosingFunction(node);
        const body = fn?.childForFieldName('body');
        if (!fn || !body || !isRequestContext(obj, body)) return;
        // The request: the root of `req.context`, or the parameter whose `.environ` holds the context.
        const root = obj.type === 'attribute' ? obj.childForFieldName('object') : obj.type === 'subscript' ? obj.childForFieldName('value')?.childForFieldName('object') : null;
        const requestNames = new Set<string>(root?.type === 'identifier' ? [root.text] : []);
        for (const a of descendantsOfType(body, 'attribute')) {
          const o = a.childForFieldName('object');
          if (o?.type === 'identifier' && /^(environ|context|headers|params)$/.test(a.childForFieldName('attribute')?.text ?? '')) requestNames.add(o.text);
        }
        const source = requestSource(ctx.model, fn, body, value, requestNames);
        if (!source) return;
        ctx.report({
          node,
          messageId: 'overwritten',
          data: { target: brief(left, 40), value: brief(value, 40), attr, source },
          evidence: [{ node: value, message: `${source} (line ${line(value)})` }],
        });
      },
    };
  },
});
