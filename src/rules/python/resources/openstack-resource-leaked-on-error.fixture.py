from oslo_log import log as logging
from oslo_utils import excutils

from cloudlab import exception
from cloudlab import objects

LOG = logging.getLogger(__name__)


class NetworkGlue(object):

    def plug_requested(self, context, client, instance, requests):
        bound_port_ids = []
        for req in requests:
            vif_obj = objects.InterfaceRecord(context)
            vif_obj.instance_uuid = instance.uuid
            try:
                port = client.update_port(req.port_id, {'port': {'device_id': instance.uuid}})
                bound_port_ids.append(req.port_id)
                vif_obj.address = port['port']['mac_address']
                # ruleid: openstack-resource-leaked-on-error
                vif_obj.create()
                self._publish_dns(context, instance, port)
            except Exception:
                with excutils.save_and_reraise_exception():
                    self._unbind_ports(client, bound_port_ids)

    def plug_requested_fixed(self, context, client, instance, requests):
        bound_port_ids = []
        created_vifs = []
        for req in requests:
            vif_obj = objects.InterfaceRecord(context)
            try:
                port = client.update_port(req.port_id, {'port': {'device_id': instance.uuid}})
                bound_port_ids.append(req.port_id)
                # ok: openstack-resource-leaked-on-error
                vif_obj.create()
                created_vifs.append(vif_obj)
                self._publish_dns(context, instance, port)
            except Exception:
                with excutils.save_and_reraise_exception():
                    self._unbind_ports(client, bound_port_ids)
                    for vif in created_vifs:
                        vif.destroy()

    def bind_new_port(self, client, instance, network_id, host):
        # ruleid: openstack-resource-leaked-on-error
        port = client.create_port({'port': {'network_id': network_id,
                                            'tenant_id': instance.project_id}})
        binding = None
        try:
            binding = client.create_port_binding(port['port']['id'], {'binding': {'host': host}})
            client.activate_port_binding(port['port']['id'], host)
        except Exception:
            with excutils.save_and_reraise_exception():
                if binding:
                    client.delete_port_binding(port['port']['id'], host)
        return port

    def bind_new_port_fixed(self, client, instance, network_id, host):
        # ok: openstack-resource-leaked-on-error
        port = client.create_port({'port': {'network_id': network_id,
                                            'tenant_id': instance.project_id}})
        port_id = port['port']['id']
        try:
            client.create_port_binding(port_id, {'binding': {'host': host}})
            client.activate_port_binding(port_id, host)
        except Exception:
            with excutils.save_and_reraise_exception():
                client.delete_port(port_id)
        return port

    def associate_address(self, client, instance, fixed_port_id):
        # ruleid: openstack-resource-leaked-on-error
        fip = client.create_floatingip({'floatingip': {'floating_network_id': 'public',
                                                       'tenant_id': instance.project_id}})
        self._record_address(instance, fip['floatingip']['floating_ip_address'])
        try:
            client.update_floatingip(fip['floatingip']['id'],
                                     {'floatingip': {'port_id': fixed_port_id}})
        except exception.NeutronClientException:
            client.delete_floatingip(fip['floatingip']['id'])
            raise

    def associate_address_fixed(self, client, instance, fixed_port_id):
        # ok: openstack-resource-leaked-on-error
        fip = client.create_floatingip({'floatingip': {'floating_network_id': 'public',
                                                       'tenant_id': instance.project_id}})
        try:
            self._record_address(instance, fip['floatingip']['floating_ip_address'])
            client.update_floatingip(fip['floatingip']['id'],
                                     {'floatingip': {'port_id': fixed_port_id}})
        finally:
            LOG.debug('association attempt for %s finished', instance.uuid)
            if not self._is_associated(fip):
                client.delete_floatingip(fip['floatingip']['id'])

    def claim_for_build(self, context, reportclient, instance, resources):
        # ok: openstack-resource-leaked-on-error
        allocation = reportclient.claim_resources(context, instance, resources)
        try:
            self._spawn(context, instance)
        except Exception:
            with excutils.save_and_reraise_exception():
                self._cleanup_allocations(context, instance)
        return allocation

    def attach_volume_record(self, context, volume_api, bdm, instance):
        # ok: openstack-resource-leaked-on-error
        attachment = volume_api.attachment_create(context, bdm.volume_id, instance.uuid)
        bdm.attachment_id = attachment['id']
        try:
            bdm.save()
            self._connect(context, bdm)
        except Exception:
            with excutils.save_and_reraise_exception():
                volume_api.attachment_delete(context, bdm.attachment_id)

    def create_for_caller(self, client, network_id):
        # ok: openstack-resource-leaked-on-error
        port = client.create_port({'port': {'network_id': network_id}})
        self._annotate(port)
        return port

    # Steps that cannot fail between the creation and the protected region: a notification (oslo.messaging drops
    # what it cannot send), an alternative constructor of an in-memory object, and a same-file helper that only
    # edits dicts and logs.
    def attach_with_notice(self, context, volume_api, rpc, bdm, instance):
        # ok: openstack-resource-leaked-on-error
        attachment = volume_api.attachment_create(context, bdm.volume_id, instance.uuid)
        self._notify_about_attach_usage(context, instance, 'attach.start')
        rpc.get_notifier('compute').info(context, 'volume.attach', {'id': bdm.volume_id})
        shape = objects.DiskShape.from_instance(instance)
        self._keep_path_hint(attachment, shape)
        try:
            self._connect(context, bdm, shape)
        except Exception:
            with excutils.save_and_reraise_exception():
                volume_api.attachment_delete(context, attachment['id'])

    def attach_with_remote_helper(self, context, volume_api, bdm, instance):
        # ruleid: openstack-resource-leaked-on-error
        attachment = volume_api.attachment_create(context, bdm.volume_id, instance.uuid)
        self._lookup_path_hint(context, attachment)
        try:
            self._connect(context, bdm, None)
        except Exception:
            with excutils.save_and_reraise_exception():
                volume_api.attachment_delete(context, attachment['id'])

    def _keep_path_hint(self, attachment, shape):
        if 'hint' in attachment and shape:
            attachment['hint'] = dict(attachment['hint'])
            LOG.info('kept path hint %s', attachment['hint'])

    def _lookup_path_hint(self, context, attachment):
        attachment['hint'] = self.hint_api.show_hint(context, attachment['id'])


class DeviceSync(object):

    def add_devices(self, context, host, found, known, found_ids, removed):
        # Each device is rolled back for its own failures only (its create, its placement report); once its
        # iteration is over the record is kept on purpose, so a failure for the next device, or after the loop,
        # leaves it where it belongs. The records destroyed before the loop are other, removed devices.
        for old in removed:
            old.destroy(context, host)
        for key in found:
            device_obj = known[found_ids.index(key)]
            try:
                # ok: openstack-resource-leaked-on-error
                device_obj.create(context, host)
            except Exception:
                LOG.exception('could not add device %s', key)
                device_obj.destroy(context, host)
                continue
            reported = True
            try:
                self.placement.report(context, device_obj)
            except Exception:
                reported = False
            if not reported:
                device_obj.destroy(context, host)
        for key in found:
            device_obj = known[found_ids.index(key)]
            self.placement.refresh(context, device_obj)

    def add_devices_unreported(self, context, host, found, known, found_ids):
        # Within the iteration the record is still undone only when its create fails: a failed report leaves it.
        for key in found:
            device_obj = known[found_ids.index(key)]
            try:
                # ruleid: openstack-resource-leaked-on-error
                device_obj.create(context, host)
            except Exception:
                LOG.exception('could not add device %s', key)
                device_obj.destroy(context, host)
                continue
            self.placement.report(context, device_obj)
