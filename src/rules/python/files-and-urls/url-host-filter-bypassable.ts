// CWE-918: a host filter on a client-supplied URL that compares the host text as written: a deny-list match that
// `0x7f.1` or `2130706433` slips past, or a substring/suffix test that `trusted.example.attacker.net` satisfies.
// It does not judge allow-lists by equality (another spelling of an allowed host is simply refused).
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { comparisonPairs, positionalArgs, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { HOST_TEXT_METHODS, URL_HOST_ATTRIBUTES, URL_PARSE_FUNCTIONS } from '../../../models/python/urlParsing.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

/** How far a host value is followed back through local assignments (`p = urlparse(u); h = p.hostname; h = h.lower()`). */
const MAX_DEPTH = 4;

interface UrlHost { attribute: string; parse: SyntaxNode }

/** The URL-parse call and attribute `expr` holds the raw host text of, following locals; null when it does not. */
function urlHost(model: PythonModel, expr: SyntaxNode, depth = 0): UrlHost | null {
  if (depth > MAX_DEPTH) return null;
  const n = unparenthesize(expr);
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    // `host.lower()` is the same text; any other call (a normaliser, a resolver) makes a new value.
    if (fn?.type === 'attribute' && HOST_TEXT_METHODS.has(fn.childForFieldName('attribute')!.text)) {
      return urlHost(model, fn.childForFieldName('object')!, depth + 1);
    }
    return null;
  }
  if (n.type === 'attribute') {
    const attr = n.childForFieldName('attribute')!.text;
    if (!URL_HOST_ATTRIBUTES.has(attr)) return localHost(model, n, depth);
    const parse = parseCall(model, n.childForFieldName('object')!, depth + 1);
    return parse ? { attribute: attr, parse } : localHost(model, n, depth);
  }
  if (n.type === 'identifier') return localHost(model, n, depth);
  return null;
}

/** A name (or `self.x`) whose reaching assignments give it a URL's host. */
function localHost(model: PythonModel, n: SyntaxNode, depth: number): UrlHost | null {
  if (!model.mayBeAssigned(n)) return null;
  for (const v of model.reachingValues(n)?.values ?? []) {
    const found = v ? urlHost(model, v, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

/** The URL-parse call `expr` is or holds. */
function parseCall(model: PythonModel, expr: SyntaxNode, depth: number): SyntaxNode | null {
  if (depth > MAX_DEPTH) return null;
  const n = unparenthesize(expr);
  if (n.type === 'call') return URL_PARSE_FUNCTIONS.includes(model.callName(n) ?? '') ? n : null;
  if ((n.type !== 'identifier' && n.type !== 'attribute') || !model.mayBeAssigned(n)) return null;
  for (const v of model.reachingValues(n)?.values ?? []) {
    const found = v ? parseCall(model, v, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

/**
 * Whether the truth of `node` sends control into an `if` whose block rejects (raise, `return`/`return False/None`):
 * the membership is a deny test. `not` flips the sense; `and`/`or` keep it.
 */
function rejectsWhenTrue(node: SyntaxNode): boolean {
  let positive = true;
  let cur = node;
  for (let p = cur.parent; p; cur = p, p = p.parent) {
    if (p.type === 'parenthesized_expression' || p.type === 'boolean_operator') continue;
    if (p.type === 'not_operator') { positive = !positive; continue; }
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && p.childForFieldName('condition')?.id === cur.id) {
      return positive && rejects(p.childForFieldName('consequence'));
    }
    return false;
  }
  return false;
}

function rejects(block: SyntaxNode | null): boolean {
  for (const s of block?.namedChildren ?? []) {
    if (s?.type === 'raise_statement') return true;
    if (s?.type === 'return_statement') {
      const v = s.namedChild(0);
      return !v || v.type === 'false' || v.type === 'none';
    }
  }
  return false;
}

/** A trusted-host operand: a name or expression, or a literal that looks like a domain (`'@' in netloc` is not). */
function hostLike(n: SyntaxNode): boolean {
  const s = stringValue(n);
  return s === null ? n.type !== 'string' : /[a-z0-9-]\.[a-z]/i.test(s);
}

/** `'.' + domain`, `'.example.com'`: a suffix test on a label boundary. */
function onLabelBoundary(n: SyntaxNode): boolean {
  const u = unparenthesize(n);
  const s = stringValue(u);
  if (s !== null) return s.startsWith('.');
  if (u.type === 'binary_operator') return onLabelBoundary(u.childForFieldName('left')!);
  if (u.type === 'string') return /^[rbuf]*['"]+\./i.test(u.text);
  return false;
}

export default defineRule({
  meta: {
    id: 'url-host-filter-bypassable',
    cwe: 918,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      denylist: {
        text: '`{host}` (the {attribute} of the URL parsed at line {line}, as the client spelled it) is matched against the deny-list `{list}`: `0x7f.1`, `2130706433`, `[::ffff:127.0.0.1]` or a name resolving to a denied address passes',
        fix: 'Resolve `{host}` (socket.getaddrinfo) and test every resulting address with ipaddress (loopback, private, link-local, denied networks); or filter with an allow-list',
      },
      substring: {
        text: '`{host}` (the {attribute} of the URL parsed at line {line}) is trusted when it contains `{trusted}`: `{trusted}.attacker.example` passes as well',
        fix: 'Compare the whole host name: `{host} == {trusted}` or `{host}.endswith("." + {trusted})` on the hostname, not the netloc',
      },
    },
    docs: {
      summary: 'A URL\'s host is filtered by its text: deny-lists and substring tests that other spellings pass',
      why: 'Class: server-side request forgery (CWE-918) through a host filter that compares the host exactly as the client wrote it. The resolver accepts many spellings of one address (`0x7f.1`, `017700000001`, `2130706433`, `127.1`, IPv4-mapped IPv6) and any DNS name can point at an internal address, so a deny-list matched against the text stops only the spellings its author thought of; a test that a trusted name is *contained in* (or is a suffix of) the netloc also admits `trusted.example.attacker.net` or `eviltrusted.example`. OWASP\'s SSRF Prevention Cheat Sheet (validate the resolved address, prefer allow-lists) and OSSA-2026-004 (glance: `2130706433` and `0x7f000001` passed the import deny-list) describe it. Cases: glance\'s web-download import filter compared `urlparse(uri).hostname` with `disallowed_hosts` (fixed by normalising the host with ipaddress, OSSA-2026-004); ironic\'s OCI registry client re-sends the Authorization header on a redirect whose netloc *contains* a configured CDN name.',
      example: 'import urllib.parse\n\nDENIED = ("localhost", "127.0.0.1", "169.254.169.254")\n\n\ndef check_download_url(url):\n    host = urllib.parse.urlparse(url).hostname\n    if host in DENIED:\n        raise ValueError("host not allowed")\n',
      useInstead: 'import ipaddress\nimport socket\nimport urllib.parse\n\n\ndef check_download_url(url):\n    host = urllib.parse.urlparse(url).hostname\n    for info in socket.getaddrinfo(host, None):\n        address = ipaddress.ip_address(info[4][0])\n        if address.is_loopback or address.is_private or address.is_link_local:\n            raise ValueError("host not allowed")\n',
      fix: 'Resolve the host and test the addresses (ipaddress), pin the connection to the address tested, and prefer allow-lists compared for equality; for trusted domains compare the whole hostname or a suffix that starts with a dot.',
      references: [
        'https://cwe.mitre.org/data/definitions/918.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
        'https://security.openstack.org/ossa/OSSA-2026-004.html',
      ],
    },
  },
  create(ctx): Visitors {
    const model = ctx.model;
    if (!model.mayCall(URL_PARSE_FUNCTIONS)) return {};
    const report = (node: SyntaxNode, messageId: 'denylist' | 'substring', host: SyntaxNode, found: UrlHost, other: SyntaxNode): void => {
      ctx.report({
        node, messageId,
        data: { host: host.text, attribute: found.attribute, line: found.parse.startPosition.row + 1, list: other.text, trusted: other.text },
        evidence: [{ node: found.parse, message: `the URL is parsed here; \`.${found.attribute}\` is its host as written` }],
      });
    };
    return {
      comparison_operator(node) {
        for (const { left, operator, right } of comparisonPairs(node)) {
          // `host == '169.254.169.254'` rejecting is a one-entry deny-list (`host == ''` is an emptiness test); `!=`
          // rejecting is an allow-list.
          if (operator === '==' && (stringValue(right)?.trim() ?? '') !== '' && rejectsWhenTrue(node)) {
            const denied = urlHost(model, left);
            if (denied) report(node, 'denylist', left, denied, right);
            continue;
          }
          if (operator !== 'in') continue;
          const asMember = urlHost(model, left);
          if (asMember && stringValue(right) === null && rejectsWhenTrue(node)) { report(node, 'denylist', left, asMember, right); continue; }
          const asText = hostLike(left) ? urlHost(model, right) : null;
          if (asText) report(node, 'substring', right, asText, left);
        }
      },
      call(node) {
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')!.text !== 'endswith') return;
        const suffix = positionalArgs(node)[0];
        if (!suffix || onLabelBoundary(suffix) || !hostLike(unparenthesize(suffix))) return;
        const receiver = fn.childForFieldName('object')!;
        const found = urlHost(model, receiver);
        if (found) report(node, 'substring', receiver, found, suffix);
      },
    };
  },
});
