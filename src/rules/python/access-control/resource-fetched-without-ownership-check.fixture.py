import webob.exc

from cloudlab import context as cl_context
from cloudlab import exception
from cloudlab.api import wsgi
from cloudlab.network import neutron


class MetadataProxy(object):

    def get_metadata_by_server_id(self, server_id, address=None):
        return self.store.load(server_id)

    def _serve_by_header(self, req):
        # ruleid: resource-fetched-without-ownership-check
        server_id = req.headers.get('X-Server-ID')
        if server_id is None:
            raise webob.exc.HTTPBadRequest()
        return self.get_metadata_by_server_id(server_id)

    def _serve_by_header_checked(self, req):
        # ok: resource-fetched-without-ownership-check
        server_id = req.headers.get('X-Server-ID')
        project_id = req.headers.get('X-Project-ID')
        meta = self.get_metadata_by_server_id(server_id)
        if meta.server['project_id'] != project_id:
            raise webob.exc.HTTPNotFound()
        return meta

    def _serve_through_owner_helper(self, req):
        # The comparison lives in a helper of this file: the function calls it, so the owner is compared.
        # ok: resource-fetched-without-ownership-check
        server_id = req.headers.get('X-Server-ID')
        meta = self.get_metadata_by_server_id(server_id)
        self._ensure_same_owner(meta, req.headers.get('X-Project-ID'))
        return meta

    def _ensure_same_owner(self, meta, caller_project):
        if meta.server.owner != caller_project:
            raise webob.exc.HTTPNotFound()

    def _serve_with_context(self, req):
        # The lookup gets the caller's request context: the store filters by it.
        # ok: resource-fetched-without-ownership-check
        server_id = req.headers.get('X-Server-ID')
        return self.store.load_for(req.context, server_id)


class PortAllocator(object):

    def reserve_ports(self, context, instance, requested_networks):
        admin = neutron.get_client(context, admin=True)
        ports = []
        for wanted in requested_networks:
            if wanted.port_id:
                # ruleid: resource-fetched-without-ownership-check
                port = admin.show_port(wanted.port_id)['port']
                if port.get('device_id'):
                    raise exception.PortInUse(port_id=wanted.port_id)
                ports.append(port)
        return ports

    def reserve_ports_checked(self, context, instance, requested_networks):
        admin = neutron.get_client(context, admin=True)
        ports = []
        for wanted in requested_networks:
            if wanted.port_id:
                # ok: resource-fetched-without-ownership-check
                port = admin.show_port(wanted.port_id)['port']
                if port['tenant_id'] != instance.project_id:
                    raise exception.PortNotUsable(port_id=wanted.port_id)
                ports.append(port)
        return ports

    def reserve_ports_filtered(self, context, instance, requested_networks):
        # The admin listing is filtered by the instance's project: only its own ports come back.
        admin = neutron.get_client(context, admin=True)
        for wanted in requested_networks:
            # ok: resource-fetched-without-ownership-check
            ports = admin.list_ports(id=wanted.port_id, tenant_id=instance.project_id)
            self._claim(ports)

    def describe(self, context, port_id):
        client = neutron.get_client(context)
        # ok: resource-fetched-without-ownership-check
        return client.show_port(port_id)

    def bind_requested(self, context, instance, requested_networks):
        # Read with the caller's own client (an admin caller's sees every project), then bound through the admin
        # client: the owner must be compared before the update.
        client = neutron.get_client(context)
        binder = neutron.get_client(context, admin=True)
        for spec in requested_networks:
            if spec.port_id:
                # ruleid: resource-fetched-without-ownership-check
                port = client.show_port(spec.port_id)['port']
                binder.update_port(port['id'], {'port': {'device_id': instance.uuid}})

    def bind_requested_own_client(self, context, instance, requested_networks):
        # Everything through the caller's own client: the network service's policy decides what it may bind.
        client = neutron.get_client(context)
        for spec in requested_networks:
            if spec.port_id:
                # ok: resource-fetched-without-ownership-check
                port = client.show_port(spec.port_id)['port']
                client.update_port(port['id'], {'port': {'device_id': instance.uuid}})

    def segments_of_requested(self, context, requested_networks):
        # Only reads what the caller's own client lets it see (to pick a segment): nothing is acted on.
        client = neutron.get_client(context)
        segments = []
        for spec in requested_networks:
            if spec.port_id:
                # ok: resource-fetched-without-ownership-check
                port = client.show_port(spec.port_id)['port']
                segments.append(port['fixed_ips'][0]['subnet_id'])
        return segments

    def refresh_cached(self, context, instance):
        # Ids from the service's own records (the instance's cached interfaces), not from a caller's list.
        admin = neutron.get_client(context, admin=True)
        for vif in self.cache.interfaces_of(instance.uuid):
            # ok: resource-fetched-without-ownership-check
            port = admin.show_port(vif.port_id)
            self._remember(port)


class VolumeController(wsgi.Controller):

    def attach(self, req, body):
        elevated = req.environ['cloudlab.context'].elevated()
        volume_id = body['attachment']['volume_id']
        # ruleid: resource-fetched-without-ownership-check
        volume = self.volume_api.get(elevated, volume_id)
        return self._attach(volume)

    def attach_scoped(self, req, body):
        elevated = req.environ['cloudlab.context'].elevated()
        volume_id = body['attachment']['volume_id']
        # ok: resource-fetched-without-ownership-check
        volume = self.volume_api.get(elevated, volume_id, project_only=True)
        return self._attach(volume)

    def attach_own(self, req, body):
        context = req.environ['cloudlab.context']
        volume_id = body['attachment']['volume_id']
        # ok: resource-fetched-without-ownership-check
        volume = self.volume_api.get(context, volume_id)
        return self._attach(volume)

    def count_volumes(self, req, body):
        elevated = cl_context.get_admin_context()
        # A number, not an object: int() loads nothing.
        # ok: resource-fetched-without-ownership-check
        limit = int(body['limit'])
        return self.volume_api.count(elevated, limit)


class ImageMembersController(wsgi.Controller):

    def share(self, req, body):
        # The repository is built from an elevated context: it sees every project's images.
        admin_ctx = req.context if req.context.is_admin else req.context.elevated()
        repo = self.gateway.get_repo(admin_ctx)
        # ruleid: resource-fetched-without-ownership-check[admin]
        image = repo.get(body['image_id'])
        image.members.append(body['member'])
        repo.save(image)

    def share_own(self, req, body):
        repo = self.gateway.get_repo(req.context)
        # ok: resource-fetched-without-ownership-check
        image = repo.get(body['image_id'])
        image.members.append(body['member'])
        repo.save(image)

    def share_checked(self, req, body):
        repo = self.gateway.get_repo(req.context.elevated())
        # ok: resource-fetched-without-ownership-check
        image = repo.get(body['image_id'])
        if image.owner != req.context.project_id:
            raise webob.exc.HTTPForbidden()
        repo.save(image)


class ServerMoveController(wsgi.Controller):

    def _load_target(self, target_id):
        # A helper handed a request value: its caller compares the owner once it returns.
        admin = cl_context.get_admin_context()
        # ok: resource-fetched-without-ownership-check
        return self.compute_api.get(admin, target_id)

    def move(self, req, body):
        target = self._load_target(body['target_id'])
        if target.project_id != req.context.project_id:
            raise webob.exc.HTTPNotFound()
        return target
