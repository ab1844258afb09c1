// CWE-295: a TLS endpoint that does not authenticate its peer: a verification mode of CERT_NONE or a truth value
// where an ssl.CERT_* constant belongs (`cert_reqs=True` is CERT_OPTIONAL), check_hostname switched off, pyOpenSSL's
// VERIFY_NONE or a verify callback that cannot fail, and Python 2 httplib HTTPS connections without a context.
// Switches taken only when a setting asks for them are reported apart, at low severity (src/rulekit/optIn.ts). A
// context used only to wrap sockets asked for the peer's certificate (a fingerprint tool) exchanges no data: silent.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { assignmentTargeting, callee, calleeName, descendantsOfType, enclosingFunction, integerValue, keywordArg, positionalArg, statementOf, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import {
  CALLBACK_PREVERIFY_INDEX, CERT_MODE_PARAMETERS, CERT_MODES, CONTEXT_SETTERS, HANDSHAKE_READS, HOSTNAME_CHECK_ATTRIBUTE, PY2_HTTPS_CONNECTIONS, SERVER_CONTEXT_ARGUMENTS, SET_VERIFY_METHOD, VERIFY_NONE,
} from '../../../models/python/tls.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { settingGuard } from '../../../rulekit/optIn.js';
import { abbreviate } from '../../../rulekit/text.js';
import type { ReportDescriptor } from '../../../rulekit/types.js';

/** The verification mode a value sets: 0 (none), 1 (optional), 2 (required), and whether it was a truth value. */
function modeOf(model: PythonModel, value: SyntaxNode): { mode: number; truthValue: boolean } | null {
  const v = unparenthesize(value);
  if (v.type === 'true') return { mode: 1, truthValue: true };
  if (v.type === 'false') return { mode: 0, truthValue: true };
  const n = integerValue(v);
  if (n === 0 || n === 1) return { mode: n, truthValue: true };
  const mode = CERT_MODES.get(model.qualifiedName(v) ?? '');
  return mode === undefined ? null : { mode, truthValue: false };
}

/** `ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)` / `create_default_context(Purpose.CLIENT_AUTH)`: a server's context. */
function isServerContext(model: PythonModel, receiver: SyntaxNode | null): boolean {
  const r = receiver && unparenthesize(receiver);
  if (!r || (r.type !== 'identifier' && r.type !== 'attribute')) return false;
  // The object of an assignment target is no read for the dataflow: valuesOf falls back to the name's bindings.
  return model.valuesOf(r).some((v) => {
    if (v?.type !== 'call') return false;
    const arg = positionalArg(v, 0) ?? keywordArg(v, 'purpose') ?? keywordArg(v, 'protocol');
    return !!arg && SERVER_CONTEXT_ARGUMENTS.has(model.qualifiedName(unparenthesize(arg)) ?? '');
  });
}

/**
 * A dict of server settings, a `server_side=True` wrap or a server context: no client certificate is the norm
 * there, and a server checks no host name.
 */
function serverSide(model: PythonModel, node: SyntaxNode): boolean {
  if (node.type === 'pair') return true;
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    return left?.type === 'attribute' && isServerContext(model, left.childForFieldName('object'));
  }
  const call = node.parent?.parent;
  const side = call?.type === 'call' ? keywordArg(call, 'server_side') : null;
  return !!side && unparenthesize(side).type === 'true';
}

/** The name `call`'s result is bound to (`s = ctx.wrap_socket(…)`, `with ctx.wrap_socket(…) as s`), or null. */
function boundTo(call: SyntaxNode): string | null {
  const p = call.parent;
  if (p?.type === 'assignment' && p.childForFieldName('right')?.id === call.id) {
    const left = p.childForFieldName('left');
    return left?.type === 'identifier' ? left.text : null;
  }
  if (p?.type === 'as_pattern') {
    const target = p.childForFieldName('alias')?.namedChild(0) ?? null;
    return target?.type === 'identifier' ? target.text : null;
  }
  return null;
}

/** The occurrences of `name` in `scope` (not inside nested definitions), bindings included. */
function occurrences(scope: SyntaxNode, name: string): SyntaxNode[] {
  return descendantsOfType(scope, 'identifier').filter((i) => i.text === name);
}

/** `obj.method(...)` around an occurrence: the method name, else null. */
function methodCalledOn(id: SyntaxNode): { method: string; call: SyntaxNode } | null {
  const attr = id.parent;
  if (attr?.type !== 'attribute' || attr.childForFieldName('object')?.id !== id.id) return null;
  const call = attr.parent;
  if (call?.type !== 'call' || call.childForFieldName('function')?.id !== attr.id) return null;
  return { method: attr.childForFieldName('attribute')!.text, call };
}

function isBindingOf(id: SyntaxNode): boolean {
  const p = id.parent;
  return assignmentTargeting(id) !== null || p?.type === 'as_pattern_target';
}

/**
 * The context `ctx.verify_mode = …` configures is only used to wrap sockets that are asked for the peer's
 * certificate or handshake parameters (`der = s.getpeercert(True)` to print a fingerprint): no data crosses the
 * unverified connection, so nothing is trusted that a machine in the path could forge. Any other use (returned,
 * passed on, stored, a socket read or written) keeps the finding.
 */
function onlyReadsPeerCertificate(model: PythonModel, assignment: SyntaxNode): boolean {
  const left = assignment.childForFieldName('left');
  const obj = left?.type === 'attribute' ? left.childForFieldName('object') : null;
  if (obj?.type !== 'identifier') return false;
  const scope = enclosingFunction(assignment) ?? model.root;
  let wraps = 0;
  for (const id of occurrences(scope, obj.text)) {
    if (isBindingOf(id)) continue;
    const attr = id.parent;
    // `ctx.check_hostname = False`, `ctx.minimum_version = …`: configuration.
    if (attr?.type === 'attribute' && attr.childForFieldName('object')?.id === id.id && assignmentTargeting(attr)) continue;
    const m = methodCalledOn(id);
    if (m && CONTEXT_SETTERS.has(m.method)) continue;
    if (m?.method !== 'wrap_socket') return false;
    wraps++;
    const sock = boundTo(m.call);
    if (sock === null) return false;
    for (const use of occurrences(scope, sock)) {
      if (isBindingOf(use)) continue;
      if (!HANDSHAKE_READS.has(methodCalledOn(use)?.method ?? '')) return false;
    }
  }
  return wraps > 0;
}

export default defineRule({
  meta: {
    id: 'tls-peer-not-verified',
    cwe: 295,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    messages: {
      certNone: {
        text: '`{code}` sets the peer-verification mode to CERT_NONE: any certificate, self-signed or for another host, is accepted, so a machine in the network path can impersonate the peer',
        fix: 'Use ssl.CERT_REQUIRED with the CA bundle that signs the peer (ca_certs / load_verify_locations); keep an insecure switch only as a deployer option',
      },
      truthValue: {
        text: '`{code}` gives a truth value where an ssl.CERT_* constant belongs: {value} is {meaning}, so a peer that presents no certificate is still accepted',
        fix: 'Pass `ssl.CERT_REQUIRED` (with the CA bundle in ca_certs) instead of `{value}`',
      },
      hostname: {
        text: '`{code}` switches the host-name check off: a certificate that a trusted CA issued for any other host is accepted for this one',
        fix: 'Leave check_hostname on and pass server_hostname when wrapping the socket',
      },
      verifyNone: {
        text: '`{code}` tells pyOpenSSL not to verify the peer (VERIFY_NONE): the handshake succeeds with any certificate',
        fix: 'Use SSL.VERIFY_PEER with load_verify_locations(cafile) and a callback that returns the `ok` it is given',
      },
      preverifyIs: {
        text: '`{code}` compares pyOpenSSL\'s `{param}` with `is`: pyOpenSSL passes it as an int, so `{param} {op} True` never holds and the check it guards ({guarded}) never runs',
        fix: 'Test `{param}` for truth (`if {param}:`) or convert it with bool() first',
      },
      acceptAll: {
        text: 'the verify callback `{callback}` returns True without looking at pyOpenSSL\'s verification result: every certificate chain passes',
        fix: 'Return the `ok` (preverify) argument, and add host-name or pinning checks on top of it, never instead of it',
      },
      httplib: {
        text: '`{code}` opens an HTTPS connection with Python 2\'s httplib and no SSL context: before Python 2.7.9 it checks neither the certificate nor the host name',
        fix: 'Pass context=ssl.create_default_context(cafile=...) or move the client to requests with verify=<CA bundle>',
      },
      optIn: {
        text: '`{code}` turns peer verification off only when `{guard}` holds: an explicit deployer choice, acceptable if that setting defaults to verifying and is documented as insecure',
        fix: 'Make sure `{guard}` defaults to verifying and its help text says that it disables certificate checks',
      },
    },
    docs: {
      summary: 'TLS connection or server that does not verify its peer\'s certificate or host name',
      why: 'TLS authenticates the other side only if the certificate chain and the host name are checked. CERT_NONE, check_hostname=False, pyOpenSSL\'s VERIFY_NONE or a verify callback that accepts everything let any machine in the path present its own certificate and read or change the traffic (tokens, passwords, images). A truth value where a CERT_* constant belongs is the same mistake in disguise: True equals CERT_OPTIONAL, so a server meant to require client certificates accepts clients with none (CWE-295, CWE-297). A context used only to read the peer\'s certificate (wrap a socket, `getpeercert(True)`, hash it to pin or print it, as `ssl.get_server_certificate` itself does without a CA) trusts nothing that crosses the connection and is not reported.',
      example: 'import ssl\n\nSERVER_OPTIONS = {\n    "certfile": "/etc/agent/server.pem",\n    "ca_certs": "/etc/agent/client_ca.pem",\n    "cert_reqs": True,\n}\n',
      useInstead: 'import ssl\n\nSERVER_OPTIONS = {\n    "certfile": "/etc/agent/server.pem",\n    "ca_certs": "/etc/agent/client_ca.pem",\n    "cert_reqs": ssl.CERT_REQUIRED,\n}\n',
      fix: 'Verify by default: ssl.create_default_context(cafile=...) for clients, CERT_REQUIRED with ca_certs for servers that authenticate clients, VERIFY_PEER with a callback that returns pyOpenSSL\'s own result. Offer "insecure" only as a deployer option that defaults to off (OpenStack Security Guidelines).',
      references: [
        'https://cwe.mitre.org/data/definitions/295.html',
        'https://cwe.mitre.org/data/definitions/297.html',
        'https://security.openstack.org/guidelines/dg_validate-certificates.html',
        'https://docs.python.org/3/library/ssl.html#ssl.SSLContext.verify_mode',
        'https://www.pyopenssl.org/en/stable/api/ssl.html#OpenSSL.SSL.Context.set_verify',
        'https://peps.python.org/pep-0476/',
      ],
    },
  },
  create(ctx) {
    /** Report, or report as the deployer's opt-in when a setting decides whether `at` runs. */
    const report = (at: SyntaxNode, d: Omit<ReportDescriptor, 'node'>): void => {
      const guard = settingGuard(ctx.model, at);
      if (guard) {
        ctx.report({ node: at, messageId: 'optIn', severity: 'low', confidence: 'low', data: { code: abbreviate(statementOf(at).text), guard: abbreviate(guard.text) } });
      } else {
        ctx.report({ node: at, ...d });
      }
    };
    const readsCertificateOnly = (at: SyntaxNode): boolean => at.type === 'assignment' && onlyReadsPeerCertificate(ctx.model, at);
    const checkMode = (at: SyntaxNode, name: string, value: SyntaxNode | null): void => {
      if (!value) return;
      if (name === HOSTNAME_CHECK_ATTRIBUTE) {
        // The chain is still checked against the CA: any certificate that CA signed passes, not any at all.
        if (unparenthesize(value).type === 'false' && !serverSide(ctx.model, at) && !readsCertificateOnly(at)) report(at, { messageId: 'hostname', severity: 'medium', data: { code: abbreviate(at.text) } });
        return;
      }
      const m = modeOf(ctx.model, value);
      if (!m) return;
      if (m.truthValue && m.mode === 1) {
        report(at, { messageId: 'truthValue', data: { code: abbreviate(at.text), value: value.text, meaning: 'ssl.CERT_OPTIONAL (1)' } });
      } else if (m.mode === 0 && !serverSide(ctx.model, at) && !readsCertificateOnly(at)) {
        report(at, { messageId: 'certNone', data: { code: abbreviate(at.text) } });
      }
    };
    const checkCallback = (cb: SyntaxNode): void => {
      // The function a `set_verify` callback names: a lambda, `self.method` or a function of this file.
      const named = unparenthesize(cb);
      const fn = named.type === 'lambda' ? named : ctx.model.definitionOf(named);
      if (!fn) return;
      // Declarations as written: only a plain identifier names pyOpenSSL's `ok` flag (separators `*`, `/` are no parameters).
      const params = ctx.model.parameters(fn).map((p) => p.declaration);
      const isMethod = fn.type === 'function_definition' && params[0]?.text === 'self';
      const okParam = params[CALLBACK_PREVERIFY_INDEX + (isMethod ? 1 : 0)];
      const ok = okParam?.type === 'identifier' ? okParam.text : null;
      const body = fn.childForFieldName('body');
      if (!body) return;
      if (ok) {
        for (const cmp of descendantsOfType(body, 'comparison_operator')) {
          const ops = cmp.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
          const [l, r] = [cmp.namedChild(0), cmp.namedChild(1)];
          if (ops.length !== 1 || (ops[0] !== 'is' && ops[0] !== 'is not') || !l || !r) continue;
          const other = unparenthesize(l).text === ok ? unparenthesize(r) : unparenthesize(r).text === ok ? unparenthesize(l) : null;
          if (other?.type !== 'true' && other?.type !== 'false') continue;
          const branch = cmp.parent?.type === 'boolean_operator' ? cmp.parent.parent : cmp.parent;
          const guarded = branch?.type === 'if_statement' ? abbreviate(branch.childForFieldName('consequence')?.text ?? '') : 'its branch';
          ctx.report({ node: cmp, messageId: 'preverifyIs', data: { code: abbreviate(cmp.text), param: ok, op: ops[0]!, guarded } });
          return;
        }
      }
      // A callback that never reads pyOpenSSL's result and answers True somewhere accepts every chain.
      const reads = ok !== null && descendantsOfType(body, 'identifier').some((i) => i.text === ok);
      const returnsTrue = fn.type === 'lambda' ? unparenthesize(body).type === 'true'
        : descendantsOfType(body, 'return_statement').some((r) => r.namedChild(0)?.type === 'true');
      if (!reads && returnsTrue) ctx.report({ node: cb, messageId: 'acceptAll', data: { callback: abbreviate(cb.text) } });
    };
    return {
      keyword_argument(node) {
        const name = node.childForFieldName('name')?.text ?? '';
        if (CERT_MODE_PARAMETERS.has(name)) checkMode(node, name, node.childForFieldName('value'));
      },
      pair(node) {
        const key = stringValue(node.childForFieldName('key'));
        if (key !== null && CERT_MODE_PARAMETERS.has(key)) checkMode(node, key, node.childForFieldName('value'));
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const name = left?.type === 'attribute' ? left.childForFieldName('attribute')?.text
          : left?.type === 'subscript' ? stringValue(left.childrenForFieldName('subscript')[0] ?? null) : null;
        if (name && (CERT_MODE_PARAMETERS.has(name) || name === HOSTNAME_CHECK_ATTRIBUTE)) checkMode(node, name, node.childForFieldName('right'));
      },
      call(node) {
        if (calleeName(node) === SET_VERIFY_METHOD && callee(node)?.type === 'attribute') {
          const mode = positionalArg(node, 0);
          if (mode && VERIFY_NONE.test(ctx.model.qualifiedName(unparenthesize(mode)) ?? '')) {
            report(node, { messageId: 'verifyNone', data: { code: abbreviate(node.text) } });
          } else {
            const cb = positionalArg(node, 1) ?? keywordArg(node, 'callback');
            if (cb) checkCallback(cb);
          }
          return;
        }
        const name = ctx.model.callName(node);
        if (name && PY2_HTTPS_CONNECTIONS.has(name) && !keywordArg(node, 'context')) {
          // A connection is built, not a check switched off: whatever `if` surrounds it is no deployer opt-in.
          ctx.report({ node, messageId: 'httplib', confidence: 'medium', data: { code: abbreviate(node.text) } });
        }
      },
    };
  },
});
