// CWE-863: an ownership check (an owner field compared, or an authorisation call) that runs only when an
// oslo.policy enforcement switch (`[oslo_policy] enforce_scope` / `enforce_new_defaults`) is on, with no other branch:
// deployments that leave the switch off — the common case while old policy files are kept — skip the check. Not
// reported when its class checks the switch-off mode explicitly elsewhere (`if not CONF.oslo_policy.X: enforce(...)`).
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { comparisonPairs, descendantsOfType, enclosingFunction, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { OWNER_FIELDS } from '../../../models/python/openstack/context.js';
import { POLICY_ENFORCEMENT_FLAGS } from '../../../models/python/openstack/policy.js';
import { isKnownAuthorizationCall } from '../../../rulekit/authorization.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { optionRead } from '../../../rulekit/fileFacts.js';
import { line } from '../../../rulekit/openstack.js';

/** The enforcement switch `cond` requires to be on (a positive operand of an `and` chain), or null. */
function requiredFlag(cond: SyntaxNode): { node: SyntaxNode; flag: string } | null {
  const n = unparenthesize(cond);
  if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'and') {
    return requiredFlag(n.childForFieldName('left')!) ?? requiredFlag(n.childForFieldName('right')!);
  }
  const read = optionRead(n);
  const flag = read ? `${read.group}.${read.name}` : null;
  return flag !== null && POLICY_ENFORCEMENT_FLAGS.has(flag) ? { node: n, flag } : null;
}

/**
 * `x.user_id` / `x['project_id']` / `x.get('owner')`: an owner field read; or a name of `scope` assigned one
 * (`owner = alloc.get('owner')`, then `owner != project_id`).
 */
function isOwnerField(node: SyntaxNode, scope: SyntaxNode | null, depth = 1): boolean {
  const n = unparenthesize(node);
  if (n.type === 'attribute') return OWNER_FIELDS.has(n.childForFieldName('attribute')!.text);
  if (n.type === 'subscript') return OWNER_FIELDS.has(stringValue(n.childForFieldName('subscript')) ?? '');
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const key = n.childForFieldName('arguments')?.namedChild(0) ?? null;
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')!.text === 'get' && OWNER_FIELDS.has(stringValue(key) ?? '');
  }
  if (n.type !== 'identifier' || !scope || depth === 0) return false;
  return descendantsOfType(scope, 'assignment').some((a) => a.childForFieldName('left')?.text === n.text && isOwnerField(a.childForFieldName('right') ?? a, scope, depth - 1));
}

/** The first ownership check in `block`: an owner field compared for (in)equality, or an authorisation call. */
function ownershipCheck(block: SyntaxNode): SyntaxNode | null {
  const scope = enclosingFunction(block);
  for (const n of descendantsOfType(block, new Set(['comparison_operator', 'call']))) {
    if (n.type === 'call' ? isKnownAuthorizationCall(n) : comparisonPairs(n).some((p) => (p.operator === '==' || p.operator === '!=') && (isOwnerField(p.left, scope) || isOwnerField(p.right, scope)))) return n;
  }
  return null;
}

/** An oslo.policy rule name as OpenStack writes them: `service:resource[:sub]:action`. */
const POLICY_RULE_NAME = /^[a-z][a-z0-9_-]*(:[a-z0-9_-]+)+$/;

/**
 * Whether `scope` (the class or function of the gated check) handles the switch-off mode itself: an `if` requiring the switch to be *off*
 * (`not CONF.oslo_policy.X` as an `and` operand) that guards an ownership check or authorisation call (ironic checks
 * `create_pre_rbac` when `enforce_new_defaults` is off, in another method of the same controller).
 */
function checksSwitchOff(root: SyntaxNode, flag: string): boolean {
  const negated = (cond: SyntaxNode): boolean => {
    const n = unparenthesize(cond);
    if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'and') return negated(n.childForFieldName('left')!) || negated(n.childForFieldName('right')!);
    if (n.type !== 'not_operator') return false;
    const read = optionRead(n.childForFieldName('argument')!);
    return read !== null && `${read.group}.${read.name}` === flag;
  };
  // A check there: an ownership check, or a call naming a policy rule (`check_policy('svc:thing:create_legacy')`:
  // the `service:resource:action` naming convention of oslo.policy rules), whichever helper makes it.
  const policyCall = (block: SyntaxNode): boolean => block.descendantsOfType('call').some((c) =>
    (c.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a !== null && POLICY_RULE_NAME.test(stringValue(a) ?? '')));
  // The node method enters nested defs (the methods of a class), unlike syntax.ts's descendantsOfType.
  return root.descendantsOfType('if_statement').some((i) => {
    if (!negated(i.childForFieldName('condition')!)) return false;
    const block = i.childForFieldName('consequence')!;
    return ownershipCheck(block) !== null || policyCall(block);
  });
}

export default defineRule({
  meta: {
    id: 'ownership-check-gated-on-policy-flag',
    cwe: 863,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      gated: {
        text: 'The ownership check at line {checkLine} runs only when `[{group}] {name}` is enabled: deployments that leave it off (the common case while old policy files are kept) skip it, and the caller gets other users\' or projects\' resources',
        fix: 'Check ownership whatever the switch: enforce the per-object policy (`enforce(..., target=obj)`) or compare the owner on every path; use the switch only to choose between two checks',
      },
    },
    docs: {
      summary: 'An ownership or authorisation check runs only when oslo.policy\'s enforce_scope / enforce_new_defaults switch is on',
      why: 'oslo.policy\'s `enforce_scope` and `enforce_new_defaults` select the secure-RBAC behaviour, and stayed off by default for several releases so that existing policy files keep working. Code that narrows results to the caller\'s own objects, or authorises an object, only `if CONF.oslo_policy.enforce_scope:` leaves every deployment with the switch off without that narrowing (CWE-863).\n\n**Class.** Authorisation tied to a deployment switch: an `if` whose condition requires an oslo.policy enforcement option to be true, with no `else`, guards an ownership check (an owner field such as `user_id`/`project_id` compared, or a policy call), and its class (or function) has no check of its own for the switch-off mode (`if not CONF.oslo_policy.X:` guarding a check). Real cases: keystone\'s credential list filtered the credentials down to the caller\'s own only when `enforce_scope` was on, so any project member listed every user\'s credentials, TOTP secrets included (OSSA-2019-006, CVE-2019-19687); ironic checks the owner of a new allocation only when `enforce_new_defaults` is on, and handles the off mode with a separate pre-RBAC policy check (so it is not reported). References: CWE-863; OSSA-2019-006 (openstack/ossa); oslo.policy configuration reference (`enforce_scope`, `enforce_new_defaults`); OWASP Authorization Cheat Sheet (enforce on every request).',
      example: 'from oslo_config import cfg\n\nCONF = cfg.CONF\n\n\ndef list_keys(context, keys):\n    if CONF.oslo_policy.enforce_scope:\n        keys = [k for k in keys if k[\'user_id\'] == context.user_id]\n    return keys\n',
      useInstead: 'from oslo_config import cfg\n\nCONF = cfg.CONF\n\n\ndef list_keys(context, keys):\n    if not context.system_scope:\n        keys = [k for k in keys if k[\'user_id\'] == context.user_id]\n    return keys\n',
      fix: 'Apply the ownership check on every path; where the switch changes who may see what, write both branches explicitly.',
      references: [
        'https://cwe.mitre.org/data/definitions/863.html',
        'https://security.openstack.org/ossa/OSSA-2019-006.html',
        'https://docs.openstack.org/oslo.policy/latest/configuration/index.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html',
      ],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      if_statement(node) {
        if (node.childForFieldName('alternative')) return;
        const cond = node.childForFieldName('condition');
        const required = cond ? requiredFlag(cond) : null;
        const body = node.childForFieldName('consequence');
        const check = required && body ? ownershipCheck(body) : null;
        if (!required || !check) return;
        // The switch-off mode handled elsewhere in the same class (or function): its other half, not a gap.
        const fn = enclosingFunction(node);
        const scope = (fn && ctx.model.enclosingClass(fn)) ?? fn;
        if (scope && checksSwitchOff(scope, required.flag)) return;
        const [group, name] = required.flag.split('.') as [string, string];
        ctx.report({ node: required.node, messageId: 'gated', data: { group, name, checkLine: line(check) } });
      },
    };
  },
});
