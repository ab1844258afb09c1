// CWE-290: an auth middleware writes identity headers (X-Roles, X-User-Id, X-Is-Admin-Project …) into the request
// it passes on, and nothing in it removes the copies a client may have sent. Services behind it trust those headers,
// so a forged X-Roles: admin on a request whose own token lacks the role is believed. Judged per class (the
// middleware), or per module for module-level code; stripping anywhere in that scope counts.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { calleeName, descendantsOfType, stringValue } from '../../../languages/python/syntax.js';
import { IDENTITY_HEADER_STRIPPERS, IDENTITY_HEADERS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { brief, callsIn, receiver } from '../../../rulekit/openstack.js';

/** `HTTP_X_ROLES` / `X-Roles` → `X_ROLES`. */
function normalHeader(key: string): string {
  return key.toUpperCase().replace(/-/g, '_').replace(/^HTTP_/, '');
}

/** A request's header or WSGI environ mapping: `req.environ`, `request.headers`, an `environ` parameter. */
function isRequestMapping(node: SyntaxNode | null): boolean {
  if (!node) return false;
  if (node.type === 'identifier') return node.text === 'environ';
  return node.type === 'attribute' && /^(environ|headers)$/.test(node.childForFieldName('attribute')?.text ?? '');
}

/** `req.environ['HTTP_X_ROLES'] = …`: the identity header written, or null. */
function identityWrite(a: SyntaxNode): string | null {
  const left = a.childForFieldName('left');
  if (left?.type !== 'subscript' || !isRequestMapping(left.childForFieldName('value'))) return null;
  const key = stringValue(left.childForFieldName('subscript'));
  return key && IDENTITY_HEADERS.has(normalHeader(key)) ? key : null;
}

/** The scope removes request headers: `del req.environ[k]`, `headers.pop(k)`, `request.remove_auth_headers()`. */
function strips(model: PythonModel, scope: SyntaxNode): boolean {
  // The module's scope is its own functions: a class's stripping protects that class's requests only.
  const inClass = (f: SyntaxNode): boolean => { for (let p = f.parent; p && p.id !== scope.id; p = p.parent) if (p.type === 'class_definition') return true; return false; };
  for (const fn of [scope, ...model.functions(scope).filter((f) => !inClass(f))]) {
    const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : fn;
    if (!body) continue;
    for (const d of descendantsOfType(body, 'delete_statement')) {
      if (descendantsOfType(d, 'subscript').some((s) => isRequestMapping(s.childForFieldName('value')))) return true;
    }
    for (const c of callsIn(body)) {
      const name = calleeName(c) ?? '';
      if (IDENTITY_HEADER_STRIPPERS.has(name)) return true;
      if (name === 'pop' && isRequestMapping(receiver(c))) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'identity-headers-not-stripped',
    cwe: 290,
    severity: 'critical',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      forgeable: {
        text: '`{scope}` sets the identity header `{header}` (and {others} more) on the request it passes on, but never removes the identity headers a client sent: where it does not overwrite one (or the token path fails to), a forged `{header}` reaches the service',
        fix: 'Remove every identity header from the incoming request first (`request.remove_auth_headers()` or `del environ[...]` for each), then set the ones the validated token gives',
      },
    },
    docs: {
      summary: 'Auth middleware sets identity headers without stripping client-sent ones',
      why: 'Class: authentication bypass by spoofing (CWE-290). Services behind an OpenStack auth middleware believe the X-Roles, X-User-Id, X-Project-Id and X-Is-Admin-Project headers it sets. A client can send the same headers; unless the middleware deletes them from every incoming request before it sets its own, any header it does not overwrite (an optional one, one absent from this token type, or all of them when validation takes another path) passes through forged. keystonemiddleware\'s `external_oauth2_token` middleware set the headers from the OAuth2 token but never removed the incoming ones: an authenticated user could send `X-Is-Admin-Project: True` or `X-Roles: admin` (OSSA-2026-001, CVE-2026-22797). Its `auth_token` middleware strips them first (`remove_auth_headers`).',
      example: 'class BearerAuth(object):\n    def process_request(self, request):\n        info = self._validate(request.authorization)\n        request.environ["HTTP_X_USER_ID"] = info["user_id"]\n        request.environ["HTTP_X_ROLES"] = ",".join(info["roles"])\n',
      useInstead: 'class BearerAuth(object):\n    def process_request(self, request):\n        for key in ("HTTP_X_USER_ID", "HTTP_X_ROLES", "HTTP_X_IS_ADMIN_PROJECT"):\n            request.environ.pop(key, None)\n        info = self._validate(request.authorization)\n        request.environ["HTTP_X_USER_ID"] = info["user_id"]\n        request.environ["HTTP_X_ROLES"] = ",".join(info["roles"])\n',
      fix: 'At the start of request processing remove all identity headers (the full documented set, not only the ones this middleware sets), then set them from the validated token.',
      references: ['https://cwe.mitre.org/data/definitions/290.html', 'https://security.openstack.org/ossa/OSSA-2026-001.html', 'https://docs.openstack.org/keystonemiddleware/latest/middlewarearchitecture.html'],
    },
  },
  create(ctx) {
    return {
      module(root) {
        // Cheap gate: an identity header is written as `HTTP_X_…` (environ) or `'X-…'` (headers).
        if (ctx.model.isTestSupport() || !/HTTP_X_|['"]X-/.test(ctx.model.source)) return;
        // Group the writes by the class that makes them (module-level functions form one group).
        const groups = new Map<number, { scope: SyntaxNode; writes: Array<{ node: SyntaxNode; header: string }> }>();
        const assignments = descendantsOfType(root, 'assignment').concat(...ctx.model.functions().map((f) => {
          const body = f.childForFieldName('body');
          return body ? descendantsOfType(body, 'assignment') : [];
        }));
        for (const a of assignments) {
          const header = identityWrite(a);
          if (!header) continue;
          let scope: SyntaxNode = root;
          for (let p = a.parent; p; p = p.parent) if (p.type === 'class_definition') { scope = p; break; }
          const g = groups.get(scope.id) ?? { scope, writes: [] };
          if (!g.writes.some((w) => w.node.id === a.id)) g.writes.push({ node: a, header });
          groups.set(scope.id, g);
        }
        for (const { scope, writes } of groups.values()) {
          if (strips(ctx.model, scope)) continue;
          writes.sort((x, y) => x.node.startIndex - y.node.startIndex);
          const first = writes[0]!;
          const headers = [...new Set(writes.map((w) => w.header))];
          const entry = scope.type === 'class_definition' ? requestEntry(ctx.model, scope, first.node) : null;
          ctx.report({
            node: entry ?? first.node,
            messageId: 'forgeable',
            data: { scope: scope.type === 'class_definition' ? scope.childForFieldName('name')?.text ?? '' : 'module', header: first.header, others: headers.length - 1 },
            evidence: (entry ? [{ node: entry, message: `\`${entry.text}\` receives the client's request and never removes its identity headers` }] : []).concat(writes.slice(0, 4).map((w) => ({ node: w.node, message: `sets \`${w.header}\`: \`${brief(w.node, 50)}\`` }))),
          });
        }
      },
    };
  },
});


/**
 * Where the request enters the middleware on its way to `write`: follow `self.<method>(…)` callers inside the class
 * up to a method no other method calls (`__call__` → `process_request` → `_set_env`). Its name node, or null.
 */
function requestEntry(model: PythonModel, cls: SyntaxNode, write: SyntaxNode): SyntaxNode | null {
  const methods = model.functions(cls).filter((f) => model.enclosingClass(f)?.id === cls.id);
  const nameOf = (f: SyntaxNode): string => f.childForFieldName('name')?.text ?? '';
  const callers = (name: string): SyntaxNode[] => methods.filter((m) => callsIn(m.childForFieldName('body') ?? m).some((c) => calleeName(c) === name && receiver(c)?.text === 'self'));
  let current = methods.find((m) => m.startIndex <= write.startIndex && write.endIndex <= m.endIndex);
  const seen = new Set<number>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const up = callers(nameOf(current)).find((c) => !seen.has(c.id));
    if (!up) break;
    current = up;
  }
  return current?.childForFieldName('name') ?? null;
}
