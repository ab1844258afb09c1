import logging

LOG = logging.getLogger(__name__)


class PortNotFound(Exception):
    pass


def unbind_ports(client, port_ids):
    for port_id in port_ids:
        if port_id is None:
            continue
        try:
            port = client.show_port(port_id)
        except PortNotFound:
            LOG.debug("port %s no longer exists", port_id)
            # ruleid: return-in-loop-handler
            return
        client.update_port(port["id"], {"device_id": ""})


def release_all(client, allocations):
    for alloc in allocations:
        try:
            client.release(alloc)
        except Exception:
            LOG.exception("release of %s failed", alloc)
            # ruleid: return-in-loop-handler
            return
        client.audit(alloc)


def refresh(cache, instances):
    for inst in instances:
        if inst is None:
            LOG.warning("skipping missing instance")
            # ruleid: return-in-loop-handler
            return
        cache.refresh(inst)


def unbind_ports_fixed(client, port_ids):
    for port_id in port_ids:
        try:
            port = client.show_port(port_id)
        except PortNotFound:
            LOG.debug("port %s no longer exists", port_id)
            # ok: return-in-loop-handler
            continue
        client.update_port(port["id"], {"device_id": ""})


def find_port(client, port_ids, mac):
    for port_id in port_ids:
        try:
            port = client.show_port(port_id)
        except PortNotFound:
            # ok: return-in-loop-handler
            return None
        if port["mac"] == mac:
            return port
    return None


def retry(call, attempts):
    for attempt in range(attempts):
        try:
            call()
        except IOError:
            LOG.warning("attempt %d failed", attempt)
            # ok: return-in-loop-handler
            return
        LOG.info("done")


def reraise(client, port_ids):
    for port_id in port_ids:
        try:
            port = client.show_port(port_id)
        except PortNotFound:
            LOG.error("port %s vanished", port_id)
            raise
        client.update_port(port["id"], {})


def stops_on_first_failure(client, jobs):
    for job in jobs:
        try:
            client.run(job)
        except Exception:
            LOG.exception("job %s failed; stopping", job)
            break
        client.ack(job)
    # ok: return-in-loop-handler
    return


def last_statement_handler(client, items):
    for item in items:
        try:
            client.notify(item)
        except ValueError:
            LOG.warning("bad item")
            # ok: return-in-loop-handler
            return



class EndpointNotFound(Exception):
    pass


def push_inventories(events):
    # The service's endpoint is missing: every remaining event would fail the same way.
    for event in events:
        try:
            event.send(event)
        except EndpointNotFound:
            LOG.debug("inventory service has no endpoint")
            # ok: return-in-loop-handler
            return


def forget_mac(backend, mac, devices, table):
    # The guard tests whether deleting on this device failed, not whether the device is missing.
    for device in devices:
        if not backend.delete(mac, device):
            LOG.warning("could not delete %s on %s", mac, device)
            # ok: return-in-loop-handler
            return
        table[device].remove(mac)


def refresh_known(cache, known, names):
    for name in names:
        if not known.get(name):
            LOG.warning("skipping unknown %s", name)
            # ruleid: return-in-loop-handler
            return
        cache.refresh(known[name])


def patch_link_fields(port, records, parse):
    # The loop only gathers the port's fields; they are set and saved after it. A malformed record rejects the
    # whole patch, the fields before it too: nothing is left half-applied.
    fields = {}
    for kind, raw in records:
        try:
            value = parse(kind, raw)
        except ValueError:
            LOG.warning("malformed record of type %s", kind)
            # ok: return-in-loop-handler
            return
        fields[kind] = value.strip()
    for kind in fields:
        port.set_field(kind, fields[kind])
    port.save()


def unbind_and_collect(client, port_ids):
    # The list is read after the loop, but each port is also unbound in the loop: the rest stay bound.
    done = []
    for port_id in port_ids:
        try:
            port = client.show_port(port_id)
        except PortNotFound:
            LOG.debug("port %s no longer exists", port_id)
            # ruleid: return-in-loop-handler
            return
        client.update_port(port["id"], {"device_id": ""})
        done.append(port_id)
    LOG.info("unbound %s", done)
