"""Listens on 0.0.0.0 unless configured otherwise."""
import socket

from oslo_config import cfg

opts = [
    # ruleid: bind-all-interfaces
    cfg.HostAddressOpt("metadata_listen", default="0.0.0.0",
                       help="The IP address on which the metadata server listens."),
]
# ruleid: bind-all-interfaces
DEFAULT_HOST = "0.0.0.0"


def serve(port, host):
    sock = socket.socket()
    # ruleid: bind-all-interfaces
    sock.bind(("0.0.0.0", port))
    # ok: bind-all-interfaces
    if host == "0.0.0.0":
        host = "127.0.0.1"
    # ok: bind-all-interfaces
    if host in ("0.0.0.0", "::"):
        return None
    # ok: bind-all-interfaces
    sock.bind((host, port))
    # ok: bind-all-interfaces
    raw = b"0.0.0.0"
    # ok: bind-all-interfaces
    route = {"network": "0.0.0.0", "netmask": "0.0.0.0", "gateway": host}
    # ok: bind-all-interfaces
    default_gw = make_route(gateway="0.0.0.0")
    # ruleid: bind-all-interfaces
    listen = {"host": "0.0.0.0", "port": port}
    # ok: bind-all-interfaces
    cidr = "0.0.0.0/0"
    return sock, raw, cidr, route, default_gw, listen
