// CWE-1025 (Comparison Using Wrong Factors, under CWE-697 Incorrect Comparison; the symptom CWE-178 names): a value
// that is case-insensitive by nature (IP protocol name, MAC address, DNS name, UUID, HTTP header
// name) compared case-sensitively with a literal: "TCP" from a client, or a MAC printed in upper case by a tool,
// then fails the check and the rule, filter or anti-spoofing entry that depends on it silently does not apply.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, calleeName, comparisonPairs, positionalArg, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { caseMatters, KIND_DESCRIPTIONS, KIND_LITERALS, KIND_NAMES, type IdentifierKind } from '../../../models/python/comparison.js';
import { fromConstantTable, operandName, rawField, wasNormalised } from '../../../rulekit/comparisonOperands.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { abbreviate } from '../../../rulekit/text.js';

/** Constant aliases followed (`TCP_UDP = BASIC`); deeper chains, or `x = x` cycles, are left unknown. */
const MAX_ALIAS_HOPS = 3;
const KINDS: readonly IdentifierKind[] = ['protocol', 'mac', 'hostname', 'uuid', 'header'];
/** Kinds whose literal alone proves what the other side is: nothing but a MAC is compared with "fa:16:3e:…". */
const LITERAL_IS_ENOUGH: ReadonlySet<IdentifierKind> = new Set(['mac', 'uuid']);
const COMPUTED = new Set(['identifier', 'attribute', 'subscript', 'call']);
const EQUALITY = new Set(['==', '!=']);
const MEMBERSHIP = new Set(['in', 'not in']);

/** The string values of a literal, a literal list/tuple/set, or a name bound only to one of those. */
function literalStrings(model: PythonModel, expr: SyntaxNode, allowCollection: boolean, depth = 0): string[] | null {
  if (depth > MAX_ALIAS_HOPS) return null;
  const n = unparenthesize(expr);
  const single = stringValue(n);
  if (single !== null) return [single];
  if (allowCollection && ['list', 'tuple', 'set'].includes(n.type)) {
    const values = n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment').map((c) => stringValue(c));
    return values.length > 0 && values.every((v): v is string => v !== null) ? values : null;
  }
  if ((n.type !== 'identifier' && n.type !== 'attribute') || !model.mayBeAssigned(n)) return null;
  const reaching = model.reachingValues(n);
  if (!reaching || reaching.parameter || reaching.augmented.length > 0 || reaching.values.length === 0) return null;
  const out: string[] = [];
  for (const v of reaching.values) {
    const inner = v ? literalStrings(model, v, allowCollection, depth + 1) : null;
    if (!inner) return null;
    out.push(...inner);
  }
  return out;
}

/**
 * A `for name, value in x.headers.items()` / `for name in x.headers` target (its first name), bound before the
 * comparison in the scope it is read in: a header name. Pairs unpacked from the sequence itself (`for h, v in
 * headers`) are a WSGI response's header list, which the service builds and hands to `start_response`: the names are
 * its own spelling, not a client's, and a mapping of request headers yields names only.
 */
function isHeaderLoopTarget(model: PythonModel, value: SyntaxNode): boolean {
  const n = unparenthesize(value);
  if (n.type !== 'identifier') return false;
  return model.bindingsOf(n).some((b) => {
    if (b.kind !== 'for-target' || b.statement.startIndex >= n.startIndex) return false;
    const left = b.statement.childForFieldName('left');
    const first = left?.type === 'identifier' ? left : left?.namedChild(0);
    if (first?.id !== b.node.id) return false;
    const right = unparenthesize(b.statement.childForFieldName('right') ?? b.statement);
    if (left?.type !== 'identifier' && !(right.type === 'call' && calleeName(right) === 'items')) return false;
    return /\bheaders\b/.test(right.text);
  });
}

/** Which case-insensitive kind `value` (compared with `literals`) is, on strong evidence only. */
function kindOf(model: PythonModel, value: SyntaxNode, literals: string[]): IdentifierKind | null {
  if (!literals.some(caseMatters)) return null;
  const name = (operandName(value) ?? '').toLowerCase().replace(/-/g, '_');
  for (const kind of KINDS) {
    if (!literals.every(KIND_LITERALS[kind])) continue;
    if (LITERAL_IS_ENOUGH.has(kind) || KIND_NAMES[kind].test(name)) return kind;
    if (kind === 'header' && isHeaderLoopTarget(model, value)) return kind;
  }
  return null;
}

/** The string keys of a dict literal that `container` is bound to (`PROTOCOL_PORTS = {"tcp": …}`), or null. */
function dictKeys(model: PythonModel, container: SyntaxNode): string[] | null {
  const n = unparenthesize(container);
  if ((n.type !== 'identifier' && n.type !== 'attribute') || !model.mayBeAssigned(n)) return null;
  const reaching = model.reachingValues(n);
  if (!reaching || reaching.parameter || reaching.augmented.length > 0 || reaching.values.length === 0) return null;
  const keys: string[] = [];
  for (const v of reaching.values) {
    if (v?.type !== 'dictionary') return null;
    for (const pair of v.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = stringValue(pair.childForFieldName('key'));
      if (key === null) return null;
      keys.push(key);
    }
  }
  // One key is a special case, not a table of values of the kind.
  return keys.length >= 2 ? keys : null;
}

/** `TABLE[value]` / `TABLE.get(value)`: the looked-up key and the table. */
function lookup(node: SyntaxNode): { key: SyntaxNode; table: SyntaxNode } | null {
  if (node.type === 'subscript') {
    const index = node.childrenForFieldName('subscript');
    const table = node.childForFieldName('value');
    return index.length === 1 && table && index[0]!.type !== 'slice' ? { key: index[0]!, table } : null;
  }
  if (node.type === 'call' && calleeName(node) === 'get') {
    const table = callee(node)?.childForFieldName('object') ?? null;
    const key = positionalArg(node, 0);
    return table && key ? { key, table } : null;
  }
  return null;
}

/** `mac.startswith("FA:16:3E")`: a MAC prefix test with letters in it. */
function macPrefixTest(call: SyntaxNode): { value: SyntaxNode; literal: string } | null {
  const method = calleeName(call);
  if (method !== 'startswith' && method !== 'endswith') return null;
  const fn = callee(call);
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  const literal = stringValue(positionalArg(call, 0));
  if (!receiver || literal === null || !caseMatters(literal)) return null;
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){1,4}:?$/i.test(literal)) return null;
  return { value: receiver, literal };
}

export default defineRule({
  meta: {
    id: 'case-sensitive-identifier-compare',
    // CWE-178 names the symptom, but View 1000 files it under CWE-706 (resolving a resource's name: files, paths).
    // What this rule sees is a decision taken by a comparison that examines the spelling's case, which is no part of
    // the identifier's identity: CWE-1025, below CWE-697, the class both real fixes were filed under.
    cwe: 1025,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      prefix: {
        text: '`{value}` is {kind}, but `{expr}` tests its prefix case-sensitively: the same address in upper case does not match',
        fix: 'Normalise first: `{value}.lower(){op}({lowered})`, or compare parsed values with netaddr.EUI',
      },
      lookup: {
        text: '`{value}` is {kind}, but `{expr}` looks it up among keys written in one case ({literal}): the same value in another case is not found',
        fix: 'Look up the normalised value: use `{value}.lower()` as the key (the table keys are {lowered})',
      },
      compare: {
        text: '`{value}` is {kind}, but `{expr}` compares it case-sensitively with {literal}: the same value written in another case fails the check',
        fix: 'Normalise before comparing: `{value}.lower() {op} {lowered}` (or parse it, e.g. netaddr.EUI / uuid.UUID), preferably once where the value enters',
      },
    },
    docs: {
      summary: 'Case-insensitive identifier (protocol, MAC, host name, UUID, header name) compared case-sensitively',
      why: 'Protocol names, MAC addresses, DNS names, UUIDs and HTTP header names mean the same in any case, and clients and tools do send "TCP", "FA:16:3E:…" or "Content-type". A case-sensitive `==` or `in` treats them as different values: a firewall rule for "TCP" is built without its port match, an anti-spoofing entry for an upper-case MAC never matches, a header check is skipped. Class: a comparison that examines the wrong factor (the case of the spelling instead of the identifier it spells), CWE-1025 Comparison Using Wrong Factors under CWE-697 Incorrect Comparison; CWE-178 (Improper Handling of Case Sensitivity) names the same symptom. Real fixes: nova OSSA-2012-007 / CVE-2012-2654 (security-group protocols stored as the user typed them, "TCP", compared with "tcp" when building iptables rules, so the rules were not applied) and neutron LP#1976323 (iptables-save output with lower-case MACs compared case-sensitively with rules holding upper-case ones, so anti-spoofing rules were removed and re-added on every sync).',
      example: 'def rule_args(rule):\n    protocol = rule.protocol\n    if protocol in ["tcp", "udp"]:\n        return ["-p", protocol, "--dport", str(rule.port)]\n    return ["-p", protocol]\n',
      useInstead: 'def rule_args(rule):\n    protocol = rule.protocol.lower()\n    if protocol in ["tcp", "udp"]:\n        return ["-p", protocol, "--dport", str(rule.port)]\n    return ["-p", protocol]\n',
      fix: 'Normalise case-insensitive identifiers once, where they enter (`.lower()`, `netaddr.EUI(mac)`, `uuid.UUID(value)`, a case-insensitive header mapping), and compare only normalised values.',
      references: ['https://cwe.mitre.org/data/definitions/1025.html', 'https://cwe.mitre.org/data/definitions/178.html', 'https://security.openstack.org/ossa/OSSA-2012-007.html', 'https://datatracker.ietf.org/doc/html/rfc4343'],
    },
  },
  create(ctx): Visitors {
    if (ctx.model.isTestSupport()) return {};
    // One finding per function and kind: the first comparison explains the defect, the rest repeat it.
    const reported = new Set<string>();
    const report = (node: SyntaxNode, value: SyntaxNode, kind: IdentifierKind, literals: string[], op: string): void => {
      if (!(rawField(ctx.model, value) || (kind === 'header' && isHeaderLoopTarget(ctx.model, value))) || wasNormalised(ctx.model, value) || fromConstantTable(ctx.model, value)) return;
      const key = `${ctx.model.dataflowOwner(node).id}:${kind}`;
      if (reported.has(key)) return;
      reported.add(key);
      const shown = literals.length === 1 ? `"${literals[0]}"` : `(${literals.map((l) => `"${l}"`).join(', ')})`;
      const lowered = literals.length === 1 ? `"${literals[0]!.toLowerCase()}"` : `(${literals.map((l) => `"${l.toLowerCase()}"`).join(', ')})`;
      ctx.report({
        node,
        messageId: op.startsWith('.') ? 'prefix' : op === 'lookup' ? 'lookup' : 'compare',
        data: { value: abbreviate(value.text), kind: KIND_DESCRIPTIONS[kind], expr: abbreviate(node.text), literal: abbreviate(shown), op, lowered: abbreviate(lowered) },
      });
    };
    const lookupIn = (node: SyntaxNode): void => {
      const found = lookup(node);
      if (!found || !COMPUTED.has(unparenthesize(found.key).type)) return;
      const keys = dictKeys(ctx.model, found.table);
      const kind = keys ? kindOf(ctx.model, found.key, keys) : null;
      if (kind) report(node, found.key, kind, keys!, 'lookup');
    };
    return {
      comparison_operator(node) {
        for (const { left, operator, right } of comparisonPairs(node)) {
          if (EQUALITY.has(operator)) {
            for (const [value, other] of [[left, right], [right, left]] as const) {
              if (!COMPUTED.has(unparenthesize(value).type)) continue;
              const literals = literalStrings(ctx.model, other, false);
              const kind = literals ? kindOf(ctx.model, value, literals) : null;
              if (kind) { report(node, value, kind, literals!, operator); break; }
            }
          } else if (MEMBERSHIP.has(operator) && COMPUTED.has(unparenthesize(left).type)) {
            // A single string on the right is a substring test (another rule's business); collections only.
            if (stringValue(unparenthesize(right)) !== null) continue;
            const literals = literalStrings(ctx.model, right, true);
            const kind = literals ? kindOf(ctx.model, left, literals) : null;
            if (kind) report(node, left, kind, literals!, operator);
          }
        }
      },
      call(node) {
        const prefix = macPrefixTest(node);
        if (prefix) report(node, prefix.value, 'mac', [prefix.literal], calleeName(node) === 'startswith' ? '.startswith' : '.endswith');
        else lookupIn(node);
      },
      subscript(node) {
        lookupIn(node);
      },
    };
  },
});
