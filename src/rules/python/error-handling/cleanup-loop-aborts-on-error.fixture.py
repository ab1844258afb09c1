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
    for port_id in port_ids:
        # ok: cleanup-loop-aborts-on-error
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
