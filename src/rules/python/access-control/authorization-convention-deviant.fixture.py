from webob import exc

from harbour import policy


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
        ctx = req.environ['harbour.context']
        # ruleid: authorization-convention-deviant
        self.api.purge_shelf(ctx, shelf_id)

    def restore(self, req, shelf_id):
        ctx = req.environ['harbour.context']
        shelf = self.api.get_shelf(ctx, shelf_id)
        if ctx.is_admin:
            ctx.can('shelf:restore')
        # ruleid: authorization-convention-deviant
        self.api.restore_shelf(ctx, shelf)

    def split(self, req, shelf_ids):
        ctx = req.environ['harbour.context']
        for shelf_id in shelf_ids:
            self._check_owner(ctx, shelf_id)
        # ok: authorization-convention-deviant
        self.api.move_shelves(ctx, shelf_ids)

    def move(self, req, shelf_id, body):
        # Called by resize, which checked: the caller checks.
        ctx = req.environ['harbour.context']
        # ok: authorization-convention-deviant
        self.api.update_shelf(ctx, shelf_id, body)

    def archive(self, req, shelf_id):
        ctx = req.environ['harbour.context']
        # ok: authorization-convention-deviant
        self.api.update_shelf(ctx, shelf_id, project_id=ctx.project_id)

    def _refresh(self, ctx, shelf_id):
        # ok: authorization-convention-deviant
        self.api.update_shelf(ctx, shelf_id, {})

    def _check_owner(self, ctx, shelf_id):
        shelf = self.api.get_shelf(ctx, shelf_id)
        if shelf.project_id != ctx.project_id:
            raise exc.HTTPForbidden()


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
    """An internal API: its callers (the REST controllers) may authorise for it."""

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

    def export(self, context, shelf, target):
        # ok: authorization-convention-deviant
        self.image_api.create_image(context, shelf, target)
