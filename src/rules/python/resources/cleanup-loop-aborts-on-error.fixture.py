import logging

from oslo_utils import excutils

LOG = logging.getLogger(__name__)


def delete_ports(client, port_ids):
    for port_id in port_ids:
        # ruleid: cleanup-loop-aborts-on-error
        client.delete_port(port_id)


def deallocate(neutron, ports, NeutronClientException):
    for port in ports:
        try:
            # ruleid: cleanup-loop-aborts-on-error
            neutron.delete_port(port)
        except NeutronClientException as e:
            if e.status_code == 404:
                LOG.warning("port %s does not exist", port)
            else:
                with excutils.save_and_reraise_exception():
                    LOG.exception("failed to delete port %s", port)


def destroy_vifs(created_vifs):
    for vif in created_vifs:
        # ok: cleanup-loop-aborts-on-error
        vif.destroy()


def rollback_bindings(client, bindings):
    try:
        client.activate(bindings)
    except Exception:
        for port_id in bindings:
            # ruleid: cleanup-loop-aborts-on-error
            client.delete_port_binding(port_id)
        raise


def report_ports(client, port_ids):
    # Whatever the function is called, each iteration gives back a binding held in the network service.
    for port_id in port_ids:
        # ruleid: cleanup-loop-aborts-on-error
        client.delete_port_binding(port_id)


def teardown_attachments(volume_api, context, attachments):
    for attachment in attachments:
        try:
            # ruleid: cleanup-loop-aborts-on-error
            volume_api.detach(context, attachment["volume_id"])
        except Exception:
            LOG.exception("detach failed")
            raise


def delete_ports_protected(client, port_ids):
    errors = []
    for port_id in port_ids:
        try:
            # ok: cleanup-loop-aborts-on-error
            client.delete_port(port_id)
        except Exception as exc:
            LOG.warning("failed to delete port %s", port_id)
            errors.append(exc)
    if errors:
        raise errors[0]


def delete_ports_save_reraise_opt_out(client, port_ids):
    for port_id in port_ids:
        try:
            # ok: cleanup-loop-aborts-on-error
            client.delete_port(port_id)
        except Exception:
            with excutils.save_and_reraise_exception() as ctxt:
                ctxt.reraise = False
                LOG.warning("failed to delete port %s", port_id)


def prune(names, stale):
    for name in stale:
        # ok: cleanup-loop-aborts-on-error
        names.remove(name)


def purge_rows(session, rows):
    for row in rows:
        # ok: cleanup-loop-aborts-on-error
        session.delete(row)


def unrelated_to_item(client, port_ids, marker):
    for port_id in port_ids:
        LOG.debug("visiting %s", port_id)
        # ok: cleanup-loop-aborts-on-error
        client.delete_marker(marker)


def detach_before_suspend(guest, devices):
    for dev in devices:
        try:
            # ok: cleanup-loop-aborts-on-error
            guest.detach_device(dev)
        except Exception:
            LOG.error("cannot suspend with %s attached", dev)
            raise


def unplug_all(driver, instance, vifs, ignore_errors, NovaException):
    for vif in vifs:
        try:
            # ok: cleanup-loop-aborts-on-error
            driver.unplug(instance, vif)
        except NovaException:
            if not ignore_errors:
                raise


def delete_flows(conntrack, device, IPv4, IPv6):
    for ethertype in [IPv4, IPv6]:
        # ok: cleanup-loop-aborts-on-error
        conntrack.delete_entries(device, ethertype)


def delete_network(context, plugin, subnets, network):
    with context.session.begin(subtransactions=True):
        for subnet in subnets:
            # ok: cleanup-loop-aborts-on-error
            plugin.delete_subnet(context, subnet["id"])
        context.session.delete(network)


def delete_bindings(client, ports, host, ClientException):
    for port in ports:
        try:
            # ok: cleanup-loop-aborts-on-error
            client.delete_port_binding(port["id"], host)
        except ClientException as exc:
            if exc.status_code == 404:
                continue
            LOG.warning("failed to delete binding of %s", port["id"])


class PortJanitor(object):
    def __init__(self, client):
        self.client = client

    def _drop(self, port_id):
        self.client.delete_port(port_id)

    def _drop_quietly(self, port_id):
        try:
            self.client.delete_port(port_id)
        except Exception:
            LOG.warning("could not delete port %s", port_id)

    def _drop_on_failure_only(self, port_id, body):
        try:
            self.client.update_port(port_id, body)
        except Exception:
            self.client.delete_port(port_id)

    def sweep(self, port_ids):
        # The helper defined here releases the port: released by a callee.
        for port_id in port_ids:
            # ruleid: cleanup-loop-aborts-on-error
            self._drop(port_id)

    def sweep_quietly(self, port_ids):
        # The helper handles every failure itself: nothing can abort the loop.
        for port_id in port_ids:
            # ok: cleanup-loop-aborts-on-error
            self._drop_quietly(port_id)

    def retag(self, port_ids, body):
        # The helper's job is an update; it deletes only to roll back its own failure.
        for port_id in port_ids:
            # ok: cleanup-loop-aborts-on-error
            self._drop_on_failure_only(port_id, body)


def forget(cache, keys):
    for key in keys:
        # ok: cleanup-loop-aborts-on-error
        cache.delete(key)


def swap_attachments(volume_api, context, instance, bdms):
    # Each iteration makes a new attachment before deleting the old one: a swap, not a cleanup.
    for bdm in bdms:
        new_id = volume_api.attachment_create(context, bdm.volume_id, instance)["id"]
        # ok: cleanup-loop-aborts-on-error
        volume_api.attachment_delete(context, bdm.attachment_id)
        bdm.attachment_id = new_id


def delete_group_snapshots(self_client, snapshots):
    # A storage array's own REST client: the driver's business, not a tenant's resource in another service.
    for snap in snapshots:
        # ok: cleanup-loop-aborts-on-error
        self_client.delete_snapshot(snap)


def drop_locations(store_utils, context, image_id, locations):
    # glance's store utilities handle store failures themselves.
    for loc in locations:
        # ok: cleanup-loop-aborts-on-error
        store_utils.delete_image_location_from_backend(context, image_id, loc)


class DeviceSweeper(object):
    def __init__(self, scsi):
        self._scsi = scsi

    def remove_devices(self, devices):
        # The released value is computed from the item inside the iteration.
        for device in devices:
            path = device["path"]
            # ruleid: cleanup-loop-aborts-on-error
            self._scsi.remove_scsi_device(path)

    def remove_devices_collecting(self, devices):
        failures = []
        for device in devices:
            path = device["path"]
            try:
                # ok: cleanup-loop-aborts-on-error
                self._scsi.remove_scsi_device(path)
            except Exception as exc:
                failures.append(exc)
        return failures


def build_all(client, requests, LookupError):
    # The delete undoes one iteration's failed step; the loop updates, it does not clean up.
    for req in requests:
        try:
            client.update_port(req, {})
        except LookupError:
            # ok: cleanup-loop-aborts-on-error
            client.delete_port(req)


class Unmounter(object):
    def _release(self, target, ignore_errors=False):
        self.connector.disconnect_volume(target)

    def release_all(self, targets):
        for target in targets:
            # ok: cleanup-loop-aborts-on-error
            self._release(target, ignore_errors=True)


def disconnect_all(connector, mappings, tolerate_errors):
    # Whether a failure stops the loop is the caller's choice, made through the re-raising context.
    for mapping in mappings:
        info = mapping["info"]
        try:
            # ok: cleanup-loop-aborts-on-error
            connector.disconnect_volume(info)
        except Exception:
            with excutils.save_and_reraise_exception() as ctxt:
                if tolerate_errors:
                    ctxt.reraise = False
                    LOG.warning("ignoring disconnect failure for %s", mapping)


def disconnect_all_strict(connector, mappings, verbose):
    for mapping in mappings:
        info = mapping["info"]
        try:
            # ruleid: cleanup-loop-aborts-on-error
            connector.disconnect_volume(info)
        except Exception:
            with excutils.save_and_reraise_exception():
                if verbose:
                    LOG.warning("disconnect failed for %s", mapping)


def disconnect_computed(connector, mappings, build):
    # The released value is computed by a call from the item, not a part of it: a known gap.
    for mapping in mappings:
        info = build(mapping)
        # todoruleid: cleanup-loop-aborts-on-error
        connector.disconnect_volume(info)
