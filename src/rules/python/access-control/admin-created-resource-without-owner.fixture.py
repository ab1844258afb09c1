from cloudlab.network import neutron


def create_port_for(context, instance, network_id):
    admin_client = neutron.get_client(context, admin=True)
    body = {'port': {'network_id': network_id, 'device_id': instance.uuid}}
    # ruleid: admin-created-resource-without-owner
    return admin_client.create_port(body)


def create_port_owned(context, instance, network_id):
    admin_client = neutron.get_client(context, admin=True)
    body = {'port': {'network_id': network_id, 'device_id': instance.uuid}}
    body['port']['tenant_id'] = instance.project_id
    # ok: admin-created-resource-without-owner
    return admin_client.create_port(body)


def allocate_address(context, instance, pool):
    client = neutron.get_client(context, admin=True)
    # ruleid: admin-created-resource-without-owner
    return client.create_floatingip({'floatingip': {'floating_network_id': pool}})


def allocate_address_as_user(context, pool):
    client = neutron.get_client(context)
    # ok: admin-created-resource-without-owner
    return client.create_floatingip({'floatingip': {'floating_network_id': pool}})


def create_from_template(context, port_body):
    admin_client = neutron.get_client(context, admin=True)
    # ok: admin-created-resource-without-owner
    return admin_client.create_port(port_body)
