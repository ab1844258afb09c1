import webob.exc

from cloudlab import exception
from cloudlab.network import neutron


class MetadataProxy(object):

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

    def _serve_scoped(self, req):
        # ok: resource-fetched-without-ownership-check
        server_id = req.headers.get('X-Server-ID')
        project_id = req.headers.get('X-Project-ID')
        return self.get_metadata_by_server_id(server_id, project_id)


class PortAllocator(object):

    def reserve_ports(self, context, instance, requested_networks):
        admin = neutron.get_client(context, admin=True)
        ports = []
        for request in requested_networks:
            if request.port_id:
                # ruleid: resource-fetched-without-ownership-check
                port = admin.show_port(request.port_id)['port']
                if port.get('device_id'):
                    raise exception.PortInUse(port_id=request.port_id)
                ports.append(port)
        return ports

    def reserve_ports_checked(self, context, instance, requested_networks):
        admin = neutron.get_client(context, admin=True)
        ports = []
        for request in requested_networks:
            if request.port_id:
                # ok: resource-fetched-without-ownership-check
                port = admin.show_port(request.port_id)['port']
                if port['tenant_id'] != instance.project_id:
                    raise exception.PortNotUsable(port_id=request.port_id)
                ports.append(port)
        return ports

    def describe(self, context, port_id):
        client = neutron.get_client(context)
        # ok: resource-fetched-without-ownership-check
        return client.show_port(port_id)

    def bind_requested(self, context, instance, requested_networks):
        # The caller's own client, then the port is bound to the instance: an admin caller's client sees every
        # project's ports, so the owner must be compared before the update.
        client = neutron.get_client(context)
        for request in requested_networks:
            if request.port_id:
                # ruleid: resource-fetched-without-ownership-check
                port = client.show_port(request.port_id)['port']
                client.update_port(port['id'], {'port': {'device_id': instance.uuid}})

    def segments_of_requested(self, context, requested_networks):
        # Only reads what the caller's own client lets it see (to pick a segment): nothing is acted on.
        client = neutron.get_client(context)
        segments = []
        for request in requested_networks:
            if request.port_id:
                # ok: resource-fetched-without-ownership-check
                port = client.show_port(request.port_id)['port']
                segments.append(port['fixed_ips'][0]['subnet_id'])
        return segments
