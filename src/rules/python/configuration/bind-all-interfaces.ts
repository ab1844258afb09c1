// B104: the literal "0.0.0.0" used as an address, which makes a listener reachable on every interface of the host.
// Comparisons with it (checking for the wildcard) and docstrings are not bindings and are skipped.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { isBareStringStatement, isBytesString, stringValue } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

/** Names under which 0.0.0.0 is a route, mask or network (the default route), not a listen address. */
const NOT_AN_ADDRESS = /mask|network|net$|^net|gateway|gw|route|subnet|cidr|dns|dest|prefix|broadcast|allowed|allow|peer|remote/i;

/** The name the literal is stored under: a dict key, a keyword, or an assignment target. */
function holderName(node: SyntaxNode): string | null {
  let n: SyntaxNode = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (p?.type === 'pair' && p.childForFieldName('value')?.id === n.id) return stringValue(p.childForFieldName('key')) ?? p.childForFieldName('key')?.text ?? null;
  if (p?.type === 'keyword_argument') return p.childForFieldName('name')?.text ?? null;
  if (p?.type === 'assignment') return p.childForFieldName('left')?.text ?? null;
  return null;
}

function insideComparison(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'comparison_operator') return true;
    if (!['parenthesized_expression', 'tuple', 'list', 'set', 'concatenated_string'].includes(n.type)) return false;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'bind-all-interfaces',
    cwe: 1327,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B104',
    banditName: 'hardcoded_bind_all_interfaces',
    profile: 'bandit',
    messages: {
      wildcard: {
        text: '"0.0.0.0" makes {where} listen on every network interface, including public and management networks',
        fix: 'Bind {where} to the specific address it must serve (a configured my_ip / listen address), defaulting to 127.0.0.1',
      },
    },
    docs: {
      summary: 'Hard-coded binding to all interfaces (0.0.0.0)',
      why: 'A service bound to 0.0.0.0 accepts connections on every interface of the host, including ones that were meant to be unreachable (storage, management, public). Exposure then depends on firewalls alone (CWE-1327).',
      example: 'import socket\n\ndef serve(port):\n    sock = socket.socket()\n    sock.bind(("0.0.0.0", port))\n    return sock\n',
      useInstead: 'import socket\n\ndef serve(listen_address, port):\n    sock = socket.socket()\n    sock.bind((listen_address, port))\n    return sock\n',
      fix: 'Make the listen address configurable and default it to loopback or to the single interface that must serve the traffic.',
      references: [
        'https://cwe.mitre.org/data/definitions/1327.html',
        'https://docs.python.org/3/library/socket.html#socket.socket.bind',
      ],
      banditDifferences: 'CWE-1327 (binding to an unrestricted IP address) instead of Bandit\'s CWE-605 (multiple binds to the same port), which describes a different defect; the pillar moves from coding standards to resource lifetime. Comparisons such as `if host == "0.0.0.0"` check for the wildcard rather than bind to it and are not reported; neither are values stored under names of routes, masks and networks (`{"netmask": "0.0.0.0"}`, `gateway="0.0.0.0"`), where 0.0.0.0 means the default route or an empty mask. Test code (judged from its imports) is skipped, since tests never expose a listener. Byte strings, f-strings and docstrings are skipped.',
    },
  },
  create(ctx): Visitors {
    // stringValue() is the literal's raw text, so the file's text holds the address as written.
    if (!ctx.model.source.includes('0.0.0.0')) return {};
    let testCode: boolean | undefined;
    return {
      string(node) {
        if (node.parent?.type === 'concatenated_string') return;
        if (stringValue(node) !== '0.0.0.0' || isBytesString(node) || isBareStringStatement(node) || insideComparison(node)) return;
        const holder = holderName(node);
        if (holder !== null && NOT_AN_ADDRESS.test(holder)) return;
        // Tests pass the wildcard to mocks and fakes; they never expose a listener in a deployment.
        testCode ??= ctx.model.isTestSupport();
        if (testCode) return;
        ctx.report({ node, messageId: 'wildcard', data: { where: describe(node) } });
      },
    };
  },
});

/** Names what the address configures: the call it is passed to, or the name it is stored under. */
function describe(node: SyntaxNode): string {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'keyword_argument') return `\`${n.childForFieldName('name')?.text ?? 'this'}\``;
    if (n.type === 'call') return `\`${n.childForFieldName('function')?.text ?? 'this call'}\``;
    if (n.type === 'assignment') return `\`${n.childForFieldName('left')?.text ?? 'this'}\``;
    if (['expression_statement', 'block', 'module'].includes(n.type)) break;
  }
  return 'this listener';
}
