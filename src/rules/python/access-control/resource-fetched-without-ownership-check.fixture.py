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
