// CWE-532: a password, token, auth header, shared secret or credential URL reaches a log call (or an exception
// message built with string formatting) without oslo.utils `mask_password`/`mask_dict_password`. Secrets are found
// by name (variables, attributes, dict keys, headers) and followed through local assignments by reaching definitions.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { dataflowOf } from '../../../languages/python/dataflow/reaching.js';
import { calleeName, enclosingFunction, isLoggingCall, stringValue } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { CREDENTIAL_URL_NAME, MASKING_CALLS, NOT_A_SECRET, SECRET_HEADERS, SECRET_NAME, VALUE_DROPPING_CALLS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { brief, calleeText, line } from '../../../rulekit/openstack.js';
import type { EvidenceStep } from '../../../rulekit/types.js';

interface Secret { node: SyntaxNode; what: string; origin?: SyntaxNode }

/** Expressions whose value is not the secret any more: comparisons, `not`, `len(x)`, masked values. */
const DROPPING_PARENTS = new Set(['comparison_operator', 'not_operator']);

function secretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

function isMasking(model: PythonModel, call: SyntaxNode): boolean {
  const name = model.callName(call) ?? calleeName(call) ?? '';
  return MASKING_CALLS.some((re) => re.test(name)) || VALUE_DROPPING_CALLS.has(calleeName(call) ?? '');
}

/** The secret directly named by `expr` (not through locals): `password`, `self.token`, `body['adminPass']`. */
function namedSecret(expr: SyntaxNode): string | null {
  switch (expr.type) {
    case 'identifier': return secretName(expr.text) ? `\`${expr.text}\`` : null;
    case 'attribute': {
      const attr = expr.childForFieldName('attribute')?.text ?? '';
      if (secretName(attr)) return `\`${brief(expr, 40)}\``;
      // `CONF.database.connection`, `conf.transport_url`: URLs that carry a password.
      if (CREDENTIAL_URL_NAME.test(attr) && /\b(CONF|conf|cfg)\b/.test(expr.text) && /(connection|transport_url)$/.test(attr)) return `credential URL \`${brief(expr, 40)}\``;
      if (attr === 'headers' && /\b(req|request)\b/.test(expr.childForFieldName('object')?.text ?? '')) return `request headers \`${brief(expr, 40)}\` (with X-Auth-Token)`;
      return null;
    }
    case 'subscript': {
      const key = stringValue(expr.childForFieldName('subscript'));
      if (key !== null && (secretName(key.replace(/-/g, '_')) || SECRET_HEADERS.test(key))) return `\`${brief(expr, 40)}\``;
      return null;
    }
    case 'call': {
      if (calleeName(expr) !== 'get') return null;
      const args = expr.childForFieldName('arguments')?.namedChildren ?? [];
      const key = stringValue(args[0] ?? null);
      return key !== null && (secretName(key.replace(/-/g, '_')) || SECRET_HEADERS.test(key)) ? `\`${brief(expr, 40)}\`` : null;
    }
    default: return null;
  }
}

/** Secrets inside `expr`, following locals to the assignments that reach them (one level of indirection). */
function secretsIn(model: PythonModel, expr: SyntaxNode, fn: SyntaxNode | null, depth = 0): Secret[] {
  const out: Secret[] = [];
  const stack: SyntaxNode[] = [expr];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'call' && isMasking(model, n)) continue;
    if (DROPPING_PARENTS.has(n.type) || n.type === 'lambda') continue;
    // Dict keys are names, not values: `{'password': '***'}` is fine, the value decides.
    if (n.type === 'pair') { const v = n.childForFieldName('value'); if (v) stack.push(v); continue; }
    if (n.type === 'keyword_argument') { const v = n.childForFieldName('value'); if (v) stack.push(v); continue; }
    const named = namedSecret(n);
    if (named) { out.push({ node: n, what: named }); continue; }
    if (n.type === 'identifier' && fn && depth < 2 && !isAttributeName(n)) {
      for (const def of dataflowOf(model, fn).definitionsOf(n)) {
        const right = def.type === 'assignment' ? def.childForFieldName('right') : null;
        if (!right) continue;
        const inner = secretsIn(model, right, fn, depth + 1);
        if (inner.length > 0) { out.push({ node: n, what: `\`${n.text}\` (holding ${inner[0]!.what})`, origin: def }); break; }
      }
      continue;
    }
    if (n.type === 'attribute') { stack.push(n.childForFieldName('object')!); continue; }
    // A field picked by a literal name is that field only: `req.headers['X-Instance-ID']` is not the headers.
    if (n.type === 'subscript' && stringValue(n.childForFieldName('subscript')) !== null) continue;
    if (n.type === 'call' && calleeName(n) === 'get' && stringValue(n.childForFieldName('arguments')?.namedChildren[0] ?? null) !== null) continue;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

function isAttributeName(id: SyntaxNode): boolean {
  return id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id;
}

/** String building in an exception message: `%`, `.format(...)`, f-strings. */
function formatted(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.type === 'binary_operator' && x.childForFieldName('operator')?.text === '%') { const r = x.childForFieldName('right'); if (r) out.push(r); continue; }
    if (x.type === 'call' && calleeName(x) === 'format') { const a = x.childForFieldName('arguments'); if (a) out.push(a); continue; }
    if (x.type === 'interpolation') { out.push(x); continue; }
    for (const c of x.namedChildren) if (c) stack.push(c);
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'secret-in-log',
    cwe: 532,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      log: {
        text: '{what} is written to the log by `{sink}` at line {line} without masking: anyone who reads the service logs (operators, log shippers, support bundles) gets the credential',
        fix: 'Drop {what} from the log call, or pass the data through `oslo_utils.strutils.mask_password(...)` / `mask_dict_password(...)` before logging',
      },
      exception: {
        text: '{what} is formatted into the message of the exception raised at line {line}: API error responses and the logs that record the exception carry the credential',
        fix: 'Leave {what} out of the exception message (name the field instead), or mask it with `strutils.mask_password(...)`',
      },
    },
    docs: {
      summary: 'Password, token, auth header or credential URL written to a log or exception message without masking',
      why: 'OpenStack logs are collected centrally and read by many people; debug logs are often enabled in production. A logged admin password, Keystone token, shared metadata secret or `mysql://user:password@host` URL lets anyone with log access act as that user or service (CWE-532).',
      example: 'from oslo_log import log as logging\n\nLOG = logging.getLogger(__name__)\n\n\ndef rebuild(context, instance, admin_password):\n    LOG.debug("Rebuilding %s with password %s", instance.uuid, admin_password)\n',
      useInstead: 'from oslo_log import log as logging\nfrom oslo_utils import strutils\n\nLOG = logging.getLogger(__name__)\n\n\ndef rebuild(context, instance, admin_password, body):\n    LOG.debug("Rebuilding %s (password set: %s)", instance.uuid, admin_password is not None)\n    LOG.debug("Request body: %s", strutils.mask_dict_password(body))\n',
      fix: 'Never interpolate secrets into log records or exception messages. Log whether a secret is set, or mask whole payloads with `strutils.mask_password` / `mask_dict_password` before logging them.',
      references: ['https://cwe.mitre.org/data/definitions/532.html', 'https://docs.openstack.org/oslo.utils/latest/reference/strutils.html', 'https://security.openstack.org/guidelines/dg_avoid-logging-sensitive-data.html'],
    },
  },
  create(ctx) {
    return {
      call(node) {
        if (!isLoggingCall(node) || ctx.model.isTestCode()) return;
        const fn = enclosingFunction(node);
        const args = node.childForFieldName('arguments');
        if (!args) return;
        const found = secretsIn(ctx.model, args, fn)[0];
        if (!found) return;
        const evidence: EvidenceStep[] = [];
        if (found.origin) evidence.push({ node: found.origin, message: `${found.what} assigned here (line ${line(found.origin)})` });
        evidence.push({ node, message: `logged by \`${calleeText(node)}\` (line ${line(node)})` });
        ctx.report({ node: found.node, messageId: 'log', data: { what: found.what, sink: calleeText(node), line: line(node) }, evidence });
      },
      raise_statement(node) {
        if (ctx.model.isTestCode()) return;
        const fn = enclosingFunction(node);
        for (const part of formatted(node)) {
          const found = secretsIn(ctx.model, part, fn)[0];
          if (!found) continue;
          ctx.report({ node: found.node, messageId: 'exception', data: { what: found.what, line: line(node) }, evidence: [{ node, message: `raised here (line ${line(node)})` }] });
          return;
        }
      },
    };
  },
});
