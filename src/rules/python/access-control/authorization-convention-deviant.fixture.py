from webob import exc

from harbour import policy
from harbour.common import wsgi


class ShelfController(object):

    def create(self, req, body):
        ctx = req.environ['harbour.context']
        ctx.can('shelf:create')
        return self.api.create_shelf(ctx, body)

    def update(self, req, shelf_id, body):
        ctx = req.environ['harbour.context']
        ctx.can('shelf:update', target={'id': shelf_id})
        self.api.update_shelf(ctx, shelf_id, body)

    def delete(self, req, shelf_id):
        ctx = req.environ['harbour.context']
        self._check_owner(ctx, shelf_id)
        self.api.delete_shelf(ctx, shelf_id)

    def lock(self, req, shelf_id):
        ctx = req.environ['harbour.context']
        ctx.can('shelf:lock')
        self.api.lock_shelf(ctx, shelf_id)

    def unlock(self, req, shelf_id):
        ctx = req.environ['harbour.context']
        ctx.can('shelf:unlock')
        self.api.unlock_shelf(ctx, shelf_id)

    def rename(self, req, shelf_id, body):
        ctx = req.environ['harbour.context']
        self._check_owner(ctx, shelf_id)
        self.api.rename_shelf(ctx, shelf_id, body['name'])

    def resize(self, req, shelf_id, body):
        ctx = req.environ['harbour.context']
        ctx.can('shelf:resize')
        self.api.resize_shelf(ctx, shelf_id, body)
        self.move(req, shelf_id, body)

    def purge(self, req, shelf_id):
        # ruleid: authorization-convention-deviant
        ctx = req.environ['harbour.context']
        self.api.purge_shelf(ctx, shelf_id)

    def restore(self, req, shelf_id):
        # ruleid: authorization-convention-deviant
        ctx = req.environ['harbour.context']
        shelf = self.api.get_shelf(ctx, shelf_id)
        if ctx.is_admin:
            ctx.can('shelf:restore')
        self.api.restore_shelf(ctx, shelf)

    def split(self, req, shelf_ids):
        # ok: authorization-convention-deviant
        ctx = req.environ['harbour.context']
        for shelf_id in shelf_ids:
            self._check_owner(ctx, shelf_id)
        self.api.move_shelves(ctx, shelf_ids)

    def move(self, req, shelf_id, body):
        # Called by resize, which checked: the caller checks.
        # ok: authorization-convention-deviant
        ctx = req.environ['harbour.context']
        self.api.update_shelf(ctx, shelf_id, body)

    def archive(self, req, shelf_id):
        # ok: authorization-convention-deviant
        ctx = req.environ['harbour.context']
        self.api.update_shelf(ctx, shelf_id, project_id=ctx.project_id)

    def _refresh(self, ctx, shelf_id):
        # ok: authorization-convention-deviant
        self.api.update_shelf(ctx, shelf_id, {})

    def _check_owner(self, ctx, shelf_id):
        shelf = self.api.get_shelf(ctx, shelf_id)
        if shelf.project_id != ctx.project_id:
            raise exc.HTTPForbidden()


class MemberController(wsgi.Application):
    """A controller whose handlers get the context dict the router built, and pass it to the inherited check."""

    def __init__(self):
        # ok: authorization-convention-deviant
        self.members = MemberStore()
        super(MemberController, self).__init__()

    def get_member(self, context, member_id):
        self.assert_admin(context)
        return {'member': self.members.get(member_id)}

    def list_members(self, context):
        self.assert_admin(context)
        return {'members': self.members.list()}

    def create_member(self, context, member):
        member = self._normalise(member)
        self.assert_admin(context)
        return {'member': self.members.create(member)}

    def update_member(self, context, member_id, member):
        self.assert_admin(context)
        return {'member': self.members.update(member_id, member)}

    def delete_member(self, context, member_id):
        self.assert_admin(context)
        self.members.delete(member_id)

    def add_member_note(self, context, member_id, note):
        self.assert_admin(context)
        store = self.store_or_400(context, 'notes')
        store.add_note(member_id, note)

    def store_or_400(self, context, scheme):
        # Public, but a step its siblings call: they are judged, not it.
        # ok: authorization-convention-deviant
        store = self.stores.lookup(context, scheme)
        if store is None:
            raise ValueError(scheme)
        return store

    def list_members_by_name(self, context):
        # Checked on both paths: through the checking sibling, or by its own check.
        # ok: authorization-convention-deviant
        if 'name' in context['query_string']:
            return self.get_member_by_name(context, context['query_string']['name'])
        self.assert_admin(context)
        return {'members': self.members.list()}

    def get_member_by_name(self, context, name):
        self.assert_admin(context)
        return {'member': self.members.find(name)}

    def get_member_groups(self, context, member_id):
        self.assert_admin(context)
        return {'groups': self.members.groups_of(member_id)}

    def set_member_enabled(self, context, member_id, member):
        # Delegates to a checking sibling before anything happens: checked.
        # ok: authorization-convention-deviant
        return self.update_member(context, member_id, member)

    def get_member_roles(self, context, member_id, group_id=None):
        """A read handler: it lists another member's roles with no check."""
        # ruleid: authorization-convention-deviant
        if group_id is None:
            raise NotImplementedError()
        roles = self.members.roles_in_group(member_id, group_id)
        return {'roles': roles}

    def update_member_group(self, context, member_id, member):
        """Changes the membership first, and only then reaches the checking sibling."""
        # ruleid: authorization-convention-deviant
        group_id = member.get('groupId')
        self.members.add_member_to_group(group_id, member_id)
        return self.update_member(context, member_id, member)

    def get_own_groups(self, context):
        # Answers from the caller's own token, refusing when it is unknown: its own access decision.
        # ok: authorization-convention-deviant
        token = self.tokens.get(context['token_id'])
        if token is None:
            raise Unauthorized()
        return {'groups': self.members.groups_of(token['user_id'])}

    def list_own_quota(self, context):
        # A listing filtered by the caller's project.
        # ok: authorization-convention-deviant
        return self.quotas.list(project_id=context.project_id)

    def get_schema(self, context):
        # Only refuses: nothing to authorise.
        # ok: authorization-convention-deviant
        raise NotImplementedError()

    @property
    def store(self):
        # ok: authorization-convention-deviant
        return self.members.backend()

    def _normalise(self, ref):
        # ok: authorization-convention-deviant
        return dict((k, v) for k, v in ref.items() if v is not None)


class CrateController(object):
    """Handlers whose only input is the request; the check is the class's own and reads the request's context."""

    def __init__(self, options):
        self.policy = policy.Enforcer(scope='crates')

    def _enforce(self, req, action):
        try:
            self.policy.enforce(req.context, action)
        except policy.Forbidden:
            raise exc.HTTPForbidden()

    def list(self, req):
        self._enforce(req, 'ListCrates')
        return self.rpc.list_crates(req.context)

    def describe(self, req):
        self._enforce(req, 'DescribeCrate')
        return self.rpc.show_crate(req.context, req.params['CrateName'])

    def delete(self, req):
        self._enforce(req, 'DeleteCrate')
        return self.rpc.delete_crate(req.context, req.params['CrateName'])

    def events(self, req):
        self._enforce(req, 'CrateEvents')
        return self.rpc.list_events(req.context, req.params['CrateName'])

    def resources(self, req):
        self._enforce(req, 'CrateResources')
        return self.rpc.list_resources(req.context, req.params['CrateName'])

    def validate(self, req):
        self._enforce(req, 'ValidateTemplate')
        return self.rpc.validate_template(req.context, req.params['TemplateBody'])

    def outputs(self, req):
        self._enforce(req, 'CrateOutputs')
        return self.rpc.list_outputs(req.context, req.params['CrateName'])

    def template(self, req):
        self._enforce(req, 'GetTemplate')
        return self.rpc.get_template(req.context, req.params['CrateName'])

    def estimate(self, req):
        self._enforce(req, 'EstimateCost')
        return self.rpc.estimate_cost(req.context, req.params['TemplateBody'])

    def cancel(self, req):
        self._enforce(req, 'CancelUpdate')
        return self.rpc.cancel_update(req.context, req.params['CrateName'])

    def create(self, req):
        # ruleid: authorization-convention-deviant
        return self.create_or_update(req, 'create')

    def update(self, req):
        # ruleid: authorization-convention-deviant
        return self.create_or_update(req, 'update')

    def create_or_update(self, req, action):
        # Reached through create and update: the finding is at them.
        # ok: authorization-convention-deviant
        args = dict(req.params)
        return self.rpc.call(req.context, action, args)

    @staticmethod
    def format(resp):
        # ok: authorization-convention-deviant
        return resp.upper()


class VersionController(object):
    """Version discovery: public by design, and no handler checks, so there is no convention."""

    def index(self, req):
        # ok: authorization-convention-deviant
        return self.versions.all(req.host_url)

    def show(self, req, version):
        # ok: authorization-convention-deviant
        return self.versions.get(req.host_url, version)


class Inventory(object):
    """Half the methods check: no convention, no finding."""

    def add(self, ctx, item_id):
        policy.enforce(ctx, 'inv:add', {})
        self.db.add_item(ctx, item_id)

    def drop(self, ctx, item_id):
        # ok: authorization-convention-deviant
        self.db.delete_item(ctx, item_id)

    def touch(self, ctx, item_id):
        # ok: authorization-convention-deviant
        self.db.update_item(ctx, item_id)


class ShelfAPI(object):
    """An internal API: it does not handle requests, and its callers (the REST controllers) may authorise for it."""

    def create(self, context, shelf):
        context.can('shelf:create')
        self.db.create_shelf(context, shelf)

    def update(self, context, shelf):
        context.can('shelf:update')
        self.db.update_shelf(context, shelf)

    def delete(self, context, shelf):
        context.can('shelf:delete')
        self.db.delete_shelf(context, shelf)

    def lock(self, context, shelf):
        context.can('shelf:lock')
        self.db.lock_shelf(context, shelf)

    def unlock(self, context, shelf):
        context.can('shelf:unlock')
        self.db.unlock_shelf(context, shelf)

    def rename(self, context, shelf, name):
        context.can('shelf:rename')
        self.db.rename_shelf(context, shelf, name)

    def show(self, context, shelf_id):
        # ok: authorization-convention-deviant
        return self.db.get_shelf(context, shelf_id)

    def export(self, context, shelf, target):
        # ok: authorization-convention-deviant
        self.image_api.create_image(context, shelf, target)
