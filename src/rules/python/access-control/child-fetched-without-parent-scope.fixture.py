from cloudlab.db import api as db_api
from cloudlab import exceptions
from cloudlab.objects import lb as lb_obj


class LoadBalancerPlugin(object):

    def get_pool_member(self, context, member_id, pool_id):
        with db_api.CONTEXT_READER.using(context):
            lb_obj.Pool.get_pool_obj(context, pool_id)
            # ruleid: child-fetched-without-parent-scope
            member = lb_obj.Member.get_object(context, id=member_id)
        if not member:
            raise exceptions.MemberNotFound(pool_id=pool_id, member_id=member_id)
        return member

    def delete_pool_member(self, context, member_id, pool_id):
        self._get_pool(context, pool_id)
        # ruleid: child-fetched-without-parent-scope
        member = self._get_member(context, member_id)
        member.delete()

    def get_pool_member_scoped(self, context, member_id, pool_id):
        with db_api.CONTEXT_READER.using(context):
            lb_obj.Pool.get_pool_obj(context, pool_id)
            # ok: child-fetched-without-parent-scope
            member = lb_obj.Member.get_object(context, id=member_id, pool_id=pool_id)
        return member

    def update_pool_member(self, context, member_id, pool_id, body):
        self._get_pool(context, pool_id)
        # ok: child-fetched-without-parent-scope
        member = self._get_member(context, member_id)
        if member.pool_id != pool_id:
            raise exceptions.MemberNotFound(pool_id=pool_id, member_id=member_id)
        member.update(body)

    def list_pool_members(self, context, pool_id, marker_id):
        self._get_pool(context, pool_id)
        # ok: child-fetched-without-parent-scope
        return self._get_members(context, marker_id)
