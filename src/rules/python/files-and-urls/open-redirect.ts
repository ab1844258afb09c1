// CWE-601: a redirect whose Location comes from the request, so a link to the trusted service forwards its users
// to a site of the attacker's choosing (phishing, token theft). Checked through the taint engine; and where the
// redirected parameter round-trips through a page (a GET handler copies `?next=` into the form that the POST
// handler redirects to), every other unchecked read of that same parameter is where the link's value enters.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { descendantsOfType, enclosingFunction, keywordArg, mentionsName, positionalArg, unparenthesize } from '../../../languages/python/syntax.js';
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { REQUEST_PARAMETER_ATTRIBUTES } from '../../../models/python/taint/sources.js';
import { GUARDS } from '../../../models/python/taint/sanitizers.js';
import { REDIRECT_SINKS } from '../../../models/python/taint/sinks.js';
import { defineRule } from '../../../rulekit/defineRule.js';

const REDIRECT_GUARDS = GUARDS.filter((g) => g.clears === 'all' || g.clears.includes('redirect'));

/** A read of one named request parameter: `req.GET.get(key, …)` or `req.POST[key]`. */
interface ParameterRead { node: SyntaxNode; receiver: string; key: string }

function parameterRead(node: SyntaxNode): ParameterRead | null {
  let container: SyntaxNode | null = null;
  let key: SyntaxNode | null = null;
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return null;
    container = fn.childForFieldName('object');
    key = positionalArg(node, 0);
  } else if (node.type === 'subscript') {
    container = node.childForFieldName('value');
    key = node.childForFieldName('subscript');
  }
  if (container?.type !== 'attribute' || !key || !REQUEST_PARAMETER_ATTRIBUTES.has(container.childForFieldName('attribute')!.text)) return null;
  return { node, receiver: container.childForFieldName('object')!.text, key: unparenthesize(key).text };
}

/** The name a read is kept in (`next = req.GET.get(k)`, `next = req.GET.get(k) or '/'`), if any. */
function keptIn(read: SyntaxNode): SyntaxNode | null {
  let n = read;
  while (n.parent && (n.parent.type === 'boolean_operator' || n.parent.type === 'parenthesized_expression')) n = n.parent;
  const assign = n.parent;
  if (assign?.type !== 'assignment' || assign.childForFieldName('right') !== n) return null;
  const left = assign.childForFieldName('left');
  return left?.type === 'identifier' ? left : null;
}

const READS: ReadonlySet<string> = new Set(['call', 'subscript']);

/** The parameter reads of the sink's function that reach its argument: written in it, or kept in a name it uses. */
function readsReaching(sink: SyntaxNode, argument: SyntaxNode): ParameterRead[] {
  const fn = enclosingFunction(sink);
  if (!fn) return [];
  const out: ParameterRead[] = [];
  for (const node of descendantsOfType(fn, READS)) {
    const read = parameterRead(node);
    if (!read) continue;
    const inside = argument.startIndex <= node.startIndex && node.endIndex <= argument.endIndex;
    const name = keptIn(node);
    if (inside || (name && mentionsName(argument, new Set([name.text])))) out.push(read);
  }
  return out;
}

const REDIRECT_CALLS = new Set(REDIRECT_SINKS.map((k) => k.call.name).filter((n): n is string => n !== undefined));

/**
 * Whether `fn` vouches for `name` (or the read itself) or decides on it itself: a same-origin check is given it, it
 * is compared (an allow-list), or `fn` redirects on its own (the taint analysis judged that redirect).
 */
function checkedIn(model: PythonModel, fn: SyntaxNode, name: string, read: SyntaxNode): boolean {
  for (const cmp of descendantsOfType(fn, 'comparison_operator')) {
    if (cmp.namedChildren.some((c) => c !== null && unparenthesize(c).text === name)) return true;
  }
  for (const call of descendantsOfType(fn, 'call')) {
    const callName = model.callName(call);
    if (callName && REDIRECT_CALLS.has(callName)) return true;
    const guard = callName ? REDIRECT_GUARDS.find((g) => g.call.name === callName) : undefined;
    if (!guard) continue;
    const arg = guard.argument ? (keywordArg(call, guard.argument.keyword ?? '') ?? positionalArg(call, guard.argument.index)) : positionalArg(call, 0);
    if (!arg) continue;
    const a = unparenthesize(arg);
    if (a.text === name || (a.startIndex <= read.startIndex && read.endIndex <= a.endIndex)) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'open-redirect',
    cwe: 601,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    messages: {
      location: {
        text: '`{value}` from `{source}` (line {sourceLine}) becomes the redirect target of `{sink}` at line {line}',
        fix: 'Redirect only to paths of this service or to hosts on an allow-list; check the value from `{source}` (urllib.parse.urlsplit) before `{sink}`',
      },
      carried: {
        text: '`{read}` is kept in `{name}` without a same-origin check, while this file redirects to the value of the same parameter `{key}` with `{sink}` (line {line}): a link carrying `{key}` reaches that redirect through here',
        fix: 'Check `{name}` where it enters (django.utils.http.url_has_allowed_host_and_scheme, or urllib.parse.urlsplit against an allow-list) and drop it when it points elsewhere',
      },
    },
    docs: {
      summary: 'Redirect to a location taken from the request',
      why: 'A link that points at the trusted service but carries `?next=https://evil.example` sends the user onward to the attacker\'s page, which inherits the service\'s credibility (phishing) and may receive tokens in the URL (CWE-601).\n\nClass: a redirect target taken from the request without a same-origin or allow-list check (CWE-601; OWASP Unvalidated Redirects and Forwards Cheat Sheet; OpenStack Security Guidelines, "Avoid unvalidated redirects"). A target often round-trips through a page: the GET handler copies `?next=` into the form, the POST handler redirects to the posted field. The posted value is protected by CSRF tokens, the link\'s is not, so the check belongs where the link\'s value enters: when a file redirects unchecked to request parameter K, any other read of K that it keeps without a same-origin check is reported too (a dashboard\'s workflow view, OSSA-2020-008).',
      example: 'import webob.exc\nimport webob.dec\n\n\n@webob.dec.wsgify\ndef login_done(req):\n    target = req.GET.get("next")\n    raise webob.exc.HTTPFound(location=target)\n',
      useInstead: 'import webob.exc\nimport webob.dec\n\nALLOWED = ("/dashboard", "/servers")\n\n\n@webob.dec.wsgify\ndef login_done(req):\n    target = req.GET.get("next")\n    if target not in ALLOWED:\n        target = "/dashboard"\n    raise webob.exc.HTTPFound(location=target)\n',
      fix: 'Map the request value to a known local path, or verify with urllib.parse.urlsplit that it has no scheme and no host (or an allow-listed host) before redirecting.',
      references: ['https://cwe.mitre.org/data/definitions/601.html', 'https://security.openstack.org/guidelines/dg_avoid-unvalidated-redirects.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html'],
    },
  },
  create(ctx) {
    return {
      module() {
        const redirected = new Map<string, { line: number; sink: string }>();
        const reported = new Set<number>();
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'redirect', trust: ['remote'] })) {
          ctx.report({
            node: f.node, messageId: 'location',
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            evidence: f.evidence,
          });
          for (const read of readsReaching(f.node, f.argument)) {
            reported.add(read.node.startIndex);
            const k = `${read.receiver}\0${read.key}`;
            if (!redirected.has(k)) redirected.set(k, { line: f.sinkLine, sink: f.sinkName });
          }
        }
        if (redirected.size === 0) return;
        // The same parameter read elsewhere in the file, kept, and never given to a same-origin check there.
        for (const node of ctx.model.functions().flatMap((fn) => descendantsOfType(fn, READS))) {
          const read = parameterRead(node);
          const exit = read && redirected.get(`${read.receiver}\0${read.key}`);
          if (!read || !exit || reported.has(node.startIndex)) continue;
          const name = keptIn(node);
          const fn = enclosingFunction(node);
          if (!name || !fn || checkedIn(ctx.model, fn, name.text, node)) continue;
          reported.add(node.startIndex);
          ctx.report({
            node, messageId: 'carried', confidence: 'medium',
            data: { read: node.text.length > 60 ? `${node.text.slice(0, 57)}...` : node.text, name: name.text, key: read.key, sink: exit.sink, line: exit.line },
          });
        }
      },
    };
  },
});
