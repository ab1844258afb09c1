from oslo_config import cfg
from oslo_log import log as logging

from ledger import policy

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def list_tokens(context, rows):
    # ruleid: ownership-check-gated-on-policy-flag
    if not context.system_scope and CONF.oslo_policy.enforce_scope:
        rows = [r for r in rows if r['user_id'] == context.user_id]
    return rows


def show_ledger(context, ledger):
    # ruleid: ownership-check-gated-on-policy-flag
    if (cfg.CONF.oslo_policy.enforce_new_defaults):
        policy.enforce(context, 'ledger:show', {'project_id': ledger.project_id})
    return ledger


def create_entry(context, entry):
    project = context.to_policy_values().get('project_id')
    # ruleid: ownership-check-gated-on-policy-flag
    if CONF.oslo_policy.enforce_new_defaults and not context.system_scope:
        requested = entry.get('owner')
        if requested and requested != project:
            raise PermissionError(requested)
    return entry


def show_ledger_either_way(context, ledger):
    # ok: ownership-check-gated-on-policy-flag
    if CONF.oslo_policy.enforce_new_defaults:
        policy.enforce(context, 'ledger:show', {'project_id': ledger.project_id})
    else:
        policy.enforce(context, 'ledger:show_legacy', {'project_id': ledger.project_id})
    return ledger


def legacy_extra_check(context, ledger):
    # Extra checks for the old defaults: the switch off means more checking, not less.
    # ok: ownership-check-gated-on-policy-flag
    if not CONF.oslo_policy.enforce_new_defaults:
        if ledger.owner != context.project_id:
            raise PermissionError(ledger.id)
    return ledger


def admin_or_scoped(context, rows):
    # ok: ownership-check-gated-on-policy-flag
    if CONF.oslo_policy.enforce_scope or context.is_admin:
        rows = [r for r in rows if r.project_id == context.project_id]
    return rows


def note_scope(context):
    # ok: ownership-check-gated-on-policy-flag
    if CONF.oslo_policy.enforce_scope:
        LOG.debug('scope enforced for %s', context.request_id)


def own_switch(context, rows):
    # A project option that happens to share the name is not oslo.policy's switch.
    # ok: ownership-check-gated-on-policy-flag
    if CONF.ledger.enforce_scope:
        rows = [r for r in rows if r['user_id'] == context.user_id]
    return rows


def check_rule(name):
    return name


class Allocations(object):
    def authorize(self, context, entry):
        # The switch-off mode has its own check: the gated owner check below is the switch-on half.
        if not CONF.oslo_policy.enforce_new_defaults and not entry.get('owner'):
            check_rule('ledger:entry:create_legacy')

    def create(self, context, entry):
        project = context.project_id
        # ok: ownership-check-gated-on-policy-flag
        if CONF.oslo_policy.enforce_new_defaults:
            if entry.get('owner') != project:
                raise PermissionError(project)
        return entry
