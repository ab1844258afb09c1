// CWE-863: an oslo.policy default for an operation that changes state (documented with POST/PUT/PATCH/DELETE, or
// named with an acting verb) whose check string admits any authenticated caller — `@`, `""`, or an alias that
// resolves to one of them, in this file or (through the project facts) anywhere in the project.
import { openWriteDefaults } from '../../../analysis/policy/defaults.js';
import { stringValue } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { policyDefaultsOf } from '../../../rulekit/fileFacts.js';

export default defineRule({
  meta: {
    id: 'write-policy-default-admits-anyone',
    cwe: 863,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    usesProject: true,
    messages: {
      open: {
        text: 'Policy `{name}` guards a state change but its default `{check}` admits any authenticated caller{via}: a user of any project, with any role (reader included), can perform it unless every deployment overrides the default',
        fix: 'Give `{name}` a default that requires a role and ownership of the target (for example `role:member and project_id:%(project_id)s`, or admin only for cloud-wide resources)',
      },
    },
    docs: {
      summary: 'An oslo.policy default for a create/update/delete operation lets any authenticated user perform it',
      why: 'Policy defaults in code are what almost every deployment runs: operators override a handful of rules, not all of them. A default of `@` (or an empty check string, or an alias such as `rule:allow` that resolves to it) passes for any valid token, whatever its project and role, so a state-changing API guarded by it is open to every user of the cloud (CWE-863, incorrect authorization).\n\n**Class.** Overly permissive default policy on a write operation: a `RuleDefault`/`DocumentedRuleDefault` whose operation changes state (its documented HTTP method is POST, PUT, PATCH or DELETE; without documented operations, its action is not a read action of the OpenStack policy naming convention) and whose check string, with `rule:` aliases and module constants resolved across the project, admits any authenticated caller. Deprecated rules (`DeprecatedRule`) are not defaults and are not reported, nor are defaults deprecated for removal; a literal `@`/`""` written on the rule itself (a choice its author saw, such as ironic\'s ramdisk heartbeat, public by design) is reported at low confidence, shown with `--min-confidence low`. Real cases: cyborg (OSSA-2026-011, CVE-2026-40213) defaulted `arq:create`, `deployable:program` and `attribute:create/delete` to `rule:allow` (`@`), so any tenant could reprogram FPGAs and rewrite the hardware inventory; neutron defaulted `create_port`, `create_network` and its other create rules to `RULE_ANY` (any authenticated user) until the secure-RBAC migration replaced them with member-of-the-project defaults (those old defaults survive in neutron as `DeprecatedRule`s, which the rule leaves alone). References: CWE-863; the OpenStack "Consistent and Secure Default RBAC" community goal (writes need the member role on the owning project); oslo.policy documentation on policy-in-code defaults; OWASP Authorization Cheat Sheet (deny by default).',
      example: 'from oslo_policy import policy\n\nrules = [\n    policy.RuleDefault(\'allow\', \'@\'),\n    policy.RuleDefault(\'widget:get_all\', \'rule:allow\'),\n    policy.RuleDefault(\'widget:delete\', \'rule:allow\'),\n]\n',
      useInstead: 'from oslo_policy import policy\n\nrules = [\n    policy.RuleDefault(\'allow\', \'@\'),\n    policy.RuleDefault(\'widget:get_all\', \'rule:allow\'),\n    policy.RuleDefault(\'widget:delete\', \'role:member and project_id:%(project_id)s\'),\n]\n',
      fix: 'Default every state-changing operation to a role on the owning project (`role:member and project_id:%(project_id)s`) or to admin for cloud-wide resources, and keep `@` for reads that are public by design.',
      references: [
        'https://cwe.mitre.org/data/definitions/863.html',
        'https://governance.openstack.org/tc/goals/selected/consistent-and-secure-rbac.html',
        'https://docs.openstack.org/oslo.policy/latest/user/usage.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html',
      ],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged.
    if (ctx.model.isTestCode()) return {};
    return {
      module() {
        const { policies, checkNodes } = policyDefaultsOf(ctx.model);
        if (policies.length === 0) return;
        const found = openWriteDefaults(policies, (n) => ctx.project.policyRule(n), (r) => ctx.project.policyRef(r));
        for (const o of found) {
          const chain = o.verdict.via.filter((v) => v !== '@' && v !== '""');
          // `@`/`""` written on the rule itself is a choice its author saw (ironic's ramdisk heartbeat, public by
          // design); reached through an alias or a constant (`rule:allow`, `base.RULE_ANY`) it is easily not seen.
          const direct = stringValue(checkNodes[o.index]!) !== null && !o.verdict.via.some((v) => v.startsWith('rule:'));
          ctx.report({
            node: checkNodes[o.index]!,
            messageId: 'open',
            ...(direct ? { confidence: 'low' as const } : {}),
            data: {
              name: o.fact.name,
              check: o.check === '' ? '""' : o.check,
              via: chain.length > 0 ? ` (${[...chain, o.verdict.via.at(-1)!].join(' → ')})` : '',
            },
          });
        }
      },
    };
  },
});
