from cloudlab.api.openstack import common
from cloudlab.api.openstack import wsgi
from cloudlab import compute
from cloudlab import network
from cloudlab.policies import volumes_attach as va_policies

BASE = va_policies.POLICY_ROOT % 'base'


class AttachmentsController(wsgi.Controller):

    def __init__(self):
        self.compute_api = compute.API()
        self.network_api = network.API()

    def index(self, req, server_id):
        context = req.environ['cloudlab.context']
        # ruleid: policy-check-without-target
        context.can(BASE)
        instance = common.get_instance(self.compute_api, context, server_id)
        return self.network_api.list_ports(context, device_id=instance.uuid)

    def delete(self, req, server_id, id):
        context = req.environ['cloudlab.context']
        # ruleid: policy-check-without-target
        context.can(va_policies.POLICY_ROOT % 'delete')
        instance = common.get_instance(self.compute_api, context, server_id)
        self.compute_api.detach_interface(context, instance, port_id=id)

    def show(self, req, server_id, id):
        context = req.environ['cloudlab.context']
        instance = common.get_instance(self.compute_api, context, server_id)
        # ok: policy-check-without-target
        context.can(BASE, target={'project_id': instance.project_id})
        return self.network_api.show_port(context, id)

    def detail(self, req, server_id):
        context = req.environ['cloudlab.context']
        # ok: policy-check-without-target
        context.can(BASE, fatal=False)
        instance = common.get_instance(self.compute_api, context, server_id)
        return {'server': instance.uuid}

    def list_flavors(self, req, flavor_id):
        context = req.environ['cloudlab.context']
        # ok: policy-check-without-target
        context.can(BASE)
        return self._flavor_view(context, flavor_id)

    def update(self, req, server_id, id, body):
        context = req.environ['cloudlab.context']
        # ok: policy-check-without-target
        context.can(BASE)
        instance = common.get_instance(self.compute_api, context, server_id)
        context.can(va_policies.POLICY_ROOT % 'update',
                    target={'project_id': instance.project_id})
        self.compute_api.update_interface(context, instance, id, body)
