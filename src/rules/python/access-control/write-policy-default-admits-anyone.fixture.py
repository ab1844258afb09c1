from oslo_policy import policy

ANY_CALLER = '@'
MEMBER = 'role:member and project_id:%(project_id)s'
MEMBER_OR_ANY = f'{MEMBER} or {ANY_CALLER}'

GADGET_POST = [{'method': 'POST', 'path': '/gadgets'}]
GADGET_GET = [{'method': 'GET', 'path': '/gadgets'}]

aliases = [
    # An alias is not an operation: its own '@' is only reported where a write uses it.
    # ok: write-policy-default-admits-anyone
    policy.RuleDefault('open', '@'),
    policy.RuleDefault('nobody', '!'),
    policy.RuleDefault('owner', 'project_id:%(project_id)s'),
    policy.RuleDefault('open_again', 'rule:open'),
]

gadget_rules = [
    # ok: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:get_all', 'rule:open'),
    # ok: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:show', ''),
    # ruleid: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:calibrate', 'rule:open_again'),
    # ruleid: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:delete', ''),
    # ruleid: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:resize', ANY_CALLER),
    # ruleid: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:update', MEMBER_OR_ANY),
    # Narrowed by an `and`, negated to nobody, or resolved nowhere: not reported.
    # ok: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:rename', 'rule:open and rule:owner'),
    # ok: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:freeze', 'not rule:open'),
    # ok: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:thaw', 'rule:defined_elsewhere'),
    # ok: write-policy-default-admits-anyone
    policy.RuleDefault('gizmo:gadget:paint', MEMBER),
    policy.DocumentedRuleDefault(
        name='gizmo:gadget:create',
        # ruleid: write-policy-default-admits-anyone
        check_str='rule:open or rule:nobody',
        description='Create a gadget.',
        operations=GADGET_POST,
        deprecated_rule=policy.DeprecatedRule(
            name='gizmo:gadget:create',
            # ok: write-policy-default-admits-anyone
            check_str='@',
            deprecated_reason='Gadgets are owned by projects now.',
            deprecated_since='2025.1'),
    ),
    policy.DocumentedRuleDefault(
        name='gizmo:gadget:list_models',
        # ok: write-policy-default-admits-anyone
        check_str='@',
        description='List the gadget models: public by design.',
        operations=GADGET_GET,
    ),
    policy.DocumentedRuleDefault(
        name='list_gadget_models',
        # ok: write-policy-default-admits-anyone
        check_str='@',
        description='A read documented inline.',
        operations=[{'method': 'GET', 'path': '/gadget-models'}],
    ),
    policy.DocumentedRuleDefault(
        name='attach_gadget',
        # ruleid: write-policy-default-admits-anyone
        check_str='(@)',
        description='A write documented inline, no colon in its name.',
        operations=[{'method': 'PUT', 'path': '/gadgets/{id}/attach'}],
    ),
    policy.DocumentedRuleDefault(
        name='retire_gadget',
        # ok: write-policy-default-admits-anyone
        check_str='@',
        description='Never enforced; going away.',
        operations=[{'method': 'DELETE', 'path': '/gadgets/{id}/retire'}],
        deprecated_for_removal=True,
        deprecated_reason='Not used by the API.',
        deprecated_since='2025.1',
    ),
]
