import logging

LOG = logging.getLogger(__name__)


def delete_all(ports, client, NotFound):
    for port in ports:
        try:
            client.delete_port(port)
        # ruleid: try-except-continue
        except Exception:
            continue
    for port in ports:
        try:
            client.delete_port(port)
        # ruleid: try-except-continue
        except:
            continue
    while ports:
        try:
            client.delete_port(ports.pop())
        # ruleid: try-except-continue
        except (Exception,):
            continue
    for port in ports:
        try:
            client.delete_port(port)
        # ok: try-except-continue
        except NotFound:
            continue
    for port in ports:
        try:
            client.delete_port(port)
        # ok: try-except-continue
        except Exception:
            LOG.warning("could not delete port %s", port)
            continue
    for port in ports:
        try:
            client.delete_port(port)
        # ok: try-except-continue
        except Exception:
            pass
