# Probes for the CFG: reachability and where exceptions can go.
import logging

from oslo_utils import excutils

LOG = logging.getLogger(__name__)


def returns_early(flag):
    if flag:
        return 1
    else:
        raise ValueError(flag)
    # cfg: unreachable
    print("never")


def loop_with_continue(items):
    for item in items:
        if not item:
            continue
            # cfg: unreachable
            LOG.debug("skipped")
        # cfg: reachable
        handle(item)
    while True:
        # cfg: reachable
        step()
    # cfg: unreachable
    after_infinite_loop()


def handled(port, client):
    try:
        # cfg: contained
        client.delete_port(port)
    except Exception:
        LOG.exception("failed")


def narrow_handler(port, client, NotFound):
    try:
        # cfg: escapes
        client.delete_port(port)
    except NotFound:
        pass


def handler_reraises(port, client):
    try:
        # cfg: escapes
        client.delete_port(port)
    except Exception:
        with excutils.save_and_reraise_exception():
            LOG.error("failed")


def handler_opts_out(port, client):
    try:
        # cfg: contained
        client.delete_port(port)
    except Exception:
        with excutils.save_and_reraise_exception() as ctxt:
            ctxt.reraise = False


def return_in_finally(client):
    try:
        # cfg: contained
        client.call()
    finally:
        return None


def nested_finally(client):
    try:
        try:
            # cfg: escapes
            client.call()
        finally:
            # cfg: reachable
            client.close()
    except KeyError:
        pass


def suppressed(path):
    import contextlib
    import os
    with contextlib.suppress(OSError):
        # cfg: contained
        os.unlink(path)


def else_not_covered(client):
    try:
        client.prepare()
    except Exception:
        return None
    else:
        # cfg: escapes
        client.commit()


def handler_unreachable_body():
    try:
        value = 1
    except Exception:
        # cfg: unreachable
        value = 2
    return value


def module_level_probe():
    pass


# cfg: escapes
module_level_probe()
