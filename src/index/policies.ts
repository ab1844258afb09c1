// Phase 1 of the policy facts: the oslo.policy defaults a file registers (`RuleDefault`, `DocumentedRuleDefault`)
// and the module-level string constants check strings are built from (`RULE_ANY = '@'`,
// `ADMIN_OR_OWNER = f'{ADMIN} or {OWNER}'`). A check string is kept as a template: the parts this file cannot
// resolve (a constant of another module) stay as `⟨qualified name⟩` placeholders, filled in by the merge
// (project.ts) or left unknown.
import type { PythonModel } from '../languages/python/model.js';
import { keywordArg, moduleAssignments, positionalArg, stringValue, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { POLICY_DEFAULT_CLASSES, READ_POLICY_ACTION, WRITE_HTTP_METHODS } from '../models/python/openstack/policy.js';
import type { PolicyDefaultFact } from './types.js';

/** Placeholder for a name another module defines: `⟨nova.policies.base.RULE_ANY⟩`. */
export const REF_OPEN = '⟨';
export const REF_CLOSE = '⟩';
const REF = /⟨([^⟩]+)⟩/g;

/** neutron-lib's helpers that join check strings (`policy_or(a, b)` → `(a) or (b)`), by qualified name suffix. */
const JOINERS: ReadonlyArray<[RegExp, string]> = [[/(^|\.)policy_or$/, ' or '], [/(^|\.)policy_and$/, ' and ']];

export interface PolicyFileFacts {
  policies: PolicyDefaultFact[];
  /** Top-level names bound to a check-string template, in file order. */
  constants: Array<[string, string]>;
  /** The check-string expression of each of `policies` (same order), for a rule to report at. */
  checkNodes: SyntaxNode[];
}

/** Substitute `⟨ref⟩` placeholders with `resolve(ref)` (parenthesised), leaving those it cannot resolve. */
export function fillRefs(template: string, resolve: (ref: string) => string | undefined): string {
  return template.replace(REF, (whole, ref: string) => {
    const v = resolve(ref);
    return v === undefined ? whole : `(${v})`;
  });
}

export function refsOf(template: string): string[] {
  return [...template.matchAll(REF)].map((m) => m[1]!);
}

export function extractPolicies(model: PythonModel): PolicyFileFacts {
  // Most files register no policy: the class name must be in the text.
  if (!model.source.includes('RuleDefault')) return { policies: [], constants: [], checkNodes: [] };
  const local = new Map<string, string>();
  const lists = new Map<string, SyntaxNode>();
  for (const { name: left, value: right } of moduleAssignments(model.root)) {
    if (unparenthesize(right).type === 'list') lists.set(left.text, unparenthesize(right));
    const t = template(model, right, local);
    if (t !== null) local.set(left.text, t);
  }
  const policies: PolicyDefaultFact[] = [];
  const checkNodes: SyntaxNode[] = [];
  for (const call of model.root.descendantsOfType('call')) {
    const name = model.callName(call);
    if (name === null || !POLICY_DEFAULT_CLASSES.has(name)) continue;
    const nameNode = keywordArg(call, 'name') ?? positionalArg(call, 0);
    const checkNode = keywordArg(call, 'check_str') ?? positionalArg(call, 1);
    const policyName = nameNode ? policyNameOf(model, nameNode, local) : null;
    if (policyName === null || !checkNode) continue;
    // A default deprecated for removal is on its way out (glance: "This policy is not used"): not an operation's
    // guard any more, though its name may still serve as an alias.
    const removing = keywordArg(call, 'deprecated_for_removal')?.type === 'true';
    const opsNode = keywordArg(call, 'operations') ?? (name.endsWith('DocumentedRuleDefault') ? positionalArg(call, 3) : null);
    policies.push({
      name: policyName,
      check: template(model, checkNode, local),
      write: removing ? null : writeOf(policyName, opsNode, lists),
      line: checkNode.startPosition.row + 1,
    });
    checkNodes.push(checkNode);
  }
  return { policies, constants: [...local.entries()], checkNodes };
}

/** The rule name as written: a string, a constant, or `PREFIX % 'action'` (keystone's `base.IDENTITY % 'x'`). */
function policyNameOf(model: PythonModel, node: SyntaxNode, local: ReadonlyMap<string, string>): string | null {
  const n = unparenthesize(node);
  const s = stringValue(n) ?? (n.type === 'identifier' ? local.get(n.text) ?? null : null);
  if (s !== null) return s;
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '%') {
    const action = stringValue(n.childForFieldName('right'));
    const prefix = template(model, n.childForFieldName('left')!, local);
    if (action === null) return null;
    return prefix !== null && !prefix.includes(REF_OPEN) && prefix.includes('%s') ? prefix.replace('%s', action) : `${n.childForFieldName('left')!.text}:${action}`;
  }
  return null;
}

/**
 * Whether the default guards a state change: from its documented HTTP methods when it has them, else from the
 * action in its name; null for an alias (no operations and no `:` in the name: `admin_or_owner`, `context_is_admin`).
 */
function writeOf(name: string, ops: SyntaxNode | null, lists: ReadonlyMap<string, SyntaxNode>): boolean | null {
  let list = ops ? unparenthesize(ops) : null;
  if (list?.type === 'identifier') list = lists.get(list.text) ?? null;
  if (list?.type === 'list') {
    const methods = list.descendantsOfType('pair')
      .filter((p) => stringValue(p.childForFieldName('key')) === 'method')
      .map((p) => stringValue(p.childForFieldName('value'))?.toUpperCase() ?? '');
    if (methods.length > 0) return methods.some((m) => WRITE_HTTP_METHODS.has(m));
  }
  if (ops !== null) return null; // operations from elsewhere: undecided
  if (!name.includes(':')) return null;
  const action = name.slice(name.lastIndexOf(':') + 1);
  return action !== '' && !READ_POLICY_ACTION.test(action);
}

/** A check-string template: literals, f-strings, `+`, neutron-lib's policy_or/policy_and, and constants. */
function template(model: PythonModel, node: SyntaxNode, local: ReadonlyMap<string, string>): string | null {
  const n = unparenthesize(node);
  const s = stringValue(n);
  if (s !== null) return s;
  if (n.type === 'identifier') return local.get(n.text) ?? ref(model, n);
  if (n.type === 'attribute') return ref(model, n);
  if (n.type === 'string') {
    // f-string: `f'{ADMIN} or {OWNER}'`.
    let out = '';
    for (const part of n.namedChildren) {
      if (!part) continue;
      if (part.type === 'string_content' || part.type === 'escape_sequence') out += part.text;
      else if (part.type === 'interpolation') {
        const e = part.namedChild(0);
        const v = e ? template(model, e, local) : null;
        if (v === null) return null;
        out += `(${v})`;
      }
    }
    return out;
  }
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
    const l = template(model, n.childForFieldName('left')!, local);
    const r = template(model, n.childForFieldName('right')!, local);
    return l !== null && r !== null ? l + r : null;
  }
  if (n.type === 'call') {
    const callee = model.callName(n);
    const joiner = callee ? JOINERS.find(([re]) => re.test(callee))?.[1] : undefined;
    if (joiner === undefined) return null;
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    const parts: string[] = [];
    for (const a of args) {
      if (!a || a.type === 'keyword_argument' || a.type === 'comment') continue;
      const v = template(model, a, local);
      if (v === null) return null;
      parts.push(`(${v})`);
    }
    return parts.join(joiner);
  }
  return null;
}

/** A name defined in another module, by its qualified name through the imports (null for locals and unknowns). */
function ref(model: PythonModel, node: SyntaxNode): string | null {
  const head = node.type === 'identifier' ? node.text : node.text.split('.')[0]!;
  if (model.imports.lookup(head) === undefined) return null;
  const q = model.qualifiedName(node);
  return q === null ? null : `${REF_OPEN}${q}${REF_CLOSE}`;
}
