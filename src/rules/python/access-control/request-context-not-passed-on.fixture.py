from fleet import context


def get_model(model_id, ctxt=None, read_deleted='no'):
    if ctxt is None:
        ctxt = context.get_admin_context()
    return ctxt.session.get(model_id, read_deleted)


def get_quota(project_id, ctxt=None):
    ctxt = ctxt or context.get_admin_context()
    return ctxt.session.quota(project_id)


def get_owner(ctxt, model_id):
    # The context is required here, and no fallback: nothing to report at its callers.
    return ctxt.session.owner(model_id)


class Catalog(object):
    def lookup(self, name, ctxt=None):
        if not ctxt:
            ctxt = context.get_admin_context()
        return ctxt.session.find(name)

    def show(self, req, name):
        context = req.environ['fleet.context']
        # ruleid: request-context-not-passed-on
        return self.lookup(name)

    def show_scoped(self, req, name):
        context = req.environ['fleet.context']
        # ok: request-context-not-passed-on
        return self.lookup(name, ctxt=context)


def boot(req, model_id):
    context = req.environ['fleet.context']
    # ruleid: request-context-not-passed-on
    model = get_model(model_id, read_deleted='yes')
    # ruleid: request-context-not-passed-on
    quota = get_quota(context.project_id, None)
    # ok: request-context-not-passed-on
    owner = get_owner(context, model_id)
    return model, quota, owner


def boot_scoped(ctxt, model_id):
    # ok: request-context-not-passed-on
    return get_model(model_id, ctxt)


def periodic_sync(model_ids):
    # No request context here: the admin fallback is what an internal task wants.
    # ok: request-context-not-passed-on
    return [get_model(m) for m in model_ids]


def audit(admin_context, model_id):
    # ok: request-context-not-passed-on
    return get_model(model_id)
