from webob import exc

from harbour import policy
from harbour.common import exception


class ShelfController(object):

    def delete(self, req, item_id):
        if self.keeps_history(req):
            self.store.copy_revision(item_id)
        # ruleid: authorization-after-state-change
        deny = req.environ['harbour.authorize'](req)
        if deny:
            return deny
        self.store.delete_item(item_id)

    def update(self, req, item_id, body):
        ctx = req.environ['harbour.context']
        item = self.store.get_item(ctx, item_id)
        item.save()
        # ruleid: authorization-after-state-change
        policy.enforce(ctx, 'item:update', {'project_id': item.project_id})
        return item

    def attach(self, req, item_id):
        ctx = req.environ['harbour.context']
        if req.params.get('force'):
            self.store.detach_all(item_id)
        # A check function of this file is not reported as the late check (it may be an operation that refuses).
        # todoruleid: authorization-after-state-change
        self._check_owner(ctx, item_id)
        self.store.attach_item(item_id)

    def _check_owner(self, ctx, item_id):
        item = self.store.get_item(ctx, item_id)
        if item.project_id != ctx.project_id:
            raise exc.HTTPForbidden()

    def rename(self, req, item_id, name):
        ctx = req.environ['harbour.context']
        # ok: authorization-after-state-change
        policy.enforce(ctx, 'item:rename', {})
        self.store.rename_item(item_id, name)
        # ok: authorization-after-state-change
        policy.enforce(ctx, 'item:notify', {})

    def purge(self, req, ids):
        ctx = req.environ['harbour.context']
        for item_id in ids:
            # ok: authorization-after-state-change
            policy.enforce(ctx, 'item:purge', {'id': item_id})
            self.store.purge_item(item_id)

    def tag(self, req, item_id, tags):
        ctx = req.environ['harbour.context']
        seen = set()
        for t in tags:
            seen.add(t)
        headers = {}
        headers.update({'X-Tags': ','.join(seen)})
        # ok: authorization-after-state-change
        policy.enforce(ctx, 'item:tag', {})
        self.store.set_tags(item_id, seen, headers)

    def show(self, req, item_id):
        ctx = req.environ['harbour.context']
        item = self.store.get_item(ctx, item_id)
        # ok: authorization-after-state-change
        if policy.enforce(ctx, 'item:show_secret', {}, do_raise=False):
            item.save()
        return item

    @policy.enforce_policy('item:lock')
    def lock(self, req, item_id):
        self.store.lock_item(item_id)
        # ok: authorization-after-state-change
        policy.enforce(req.environ['harbour.context'], 'item:audit', {})

    def replace(self, req, item_id):
        if 'harbour.authorize' in req.environ:
            # ok: authorization-after-state-change
            deny = req.environ['harbour.authorize'](req)
            if deny:
                return deny
        if self.keeps_history(req):
            self.store.copy_revision(item_id)
            if 'harbour.authorize' in req.environ:
                # ok: authorization-after-state-change
                deny = req.environ['harbour.authorize'](req)
                if deny:
                    return deny
        self.store.delete_item(item_id)

    def restore(self, req, item_id):
        if self.keeps_history(req):
            self.store.copy_revision(item_id)
        if 'harbour.authorize' in req.environ:
            # ruleid: authorization-after-state-change
            deny = req.environ['harbour.authorize'](req)
            if deny:
                return deny
        self.store.delete_item(item_id)
