import socket
import ssl

import httplib
from OpenSSL import SSL
from oslo_config import cfg

CONF = cfg.CONF

AGENT_OPTIONS = {
    'certfile': '/etc/agent/server.pem',
    'ca_certs': '/etc/agent/ca.pem',
    # ruleid: tls-peer-not-verified[truthValue]
    'cert_reqs': True,
}

SERVER_OPTIONS = {
    'certfile': '/etc/agent/server.pem',
    # ok: tls-peer-not-verified
    'cert_reqs': ssl.CERT_REQUIRED,
}

PUBLIC_SERVER = {
    'certfile': '/etc/web/server.pem',
    # ok: tls-peer-not-verified
    'cert_reqs': ssl.CERT_NONE,
}


def dial(host, port):
    sock = socket.create_connection((host, port))
    # ruleid: tls-peer-not-verified[certNone]
    return ssl.wrap_socket(sock, cert_reqs=ssl.CERT_NONE, ssl_version=ssl.PROTOCOL_TLSv1_2)


def serve(sock):
    # ok: tls-peer-not-verified
    return ssl.wrap_socket(sock, server_side=True, cert_reqs=ssl.CERT_NONE, ssl_version=ssl.PROTOCOL_TLSv1_2)


def client_context(cafile):
    ctx = ssl.create_default_context(cafile=cafile)
    # ruleid: tls-peer-not-verified[hostname]
    ctx.check_hostname = False
    # ruleid: tls-peer-not-verified[certNone]
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def strict_context(cafile):
    ctx = ssl.create_default_context(cafile=cafile)
    # ok: tls-peer-not-verified
    ctx.check_hostname = True
    # ok: tls-peer-not-verified
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def optional_context(cafile, insecure=False):
    ctx = ssl.create_default_context(cafile=cafile)
    if insecure:
        # ruleid: tls-peer-not-verified[optIn]
        ctx.verify_mode = ssl.CERT_NONE
    if CONF.backend.skip_host_check:
        # ruleid: tls-peer-not-verified[optIn]
        ctx.check_hostname = False
    return ctx


class Pinned(object):
    def __init__(self, host):
        self.host = host
        self.context = SSL.Context(SSL.TLS_METHOD)

    def verify_cb(self, conn, cert, errno, depth, ok):
        # ruleid: tls-peer-not-verified[preverifyIs]
        if depth == 0 and ok is True:
            return self.matches(cert)
        return ok

    def matches(self, cert):
        return cert.get_subject().commonName == self.host

    def setup(self):
        self.context.set_verify(SSL.VERIFY_PEER, self.verify_cb)


class Careful(object):
    def __init__(self, host):
        self.host = host
        self.context = SSL.Context(SSL.TLS_METHOD)

    def verify_cb(self, conn, cert, errno, depth, ok):
        # ok: tls-peer-not-verified
        if depth == 0 and ok:
            return cert.get_subject().commonName == self.host
        return ok

    def setup(self, insecure):
        # ok: tls-peer-not-verified
        self.context.set_verify(SSL.VERIFY_PEER, self.verify_cb)


def trusting(conn, cert, errno, depth, ok):
    return True


def setup_everything(context):
    # ruleid: tls-peer-not-verified[verifyNone]
    context.set_verify(SSL.VERIFY_NONE, None)
    # ruleid: tls-peer-not-verified[acceptAll]
    context.set_verify(SSL.VERIFY_PEER, trusting)


def legacy(host):
    # ruleid: tls-peer-not-verified[httplib]
    conn = httplib.HTTPSConnection(host)
    # ok: tls-peer-not-verified
    safe = httplib.HTTPSConnection(host, context=ssl.create_default_context())
    return conn, safe


def not_tls(flags):
    # ok: tls-peer-not-verified
    flags['verbose'] = True
    # ok: tls-peer-not-verified
    return dict(retries=1, timeout=0)


def legacy_switch(host, compress):
    if compress:
        # ruleid: tls-peer-not-verified[httplib]
        return httplib.HTTPSConnection(host)
    return None


def server_context(cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    # ok: tls-peer-not-verified
    ctx.check_hostname = False
    # ok: tls-peer-not-verified
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def peer_fingerprint(host, port):
    # The context only wraps a socket asked for the peer's certificate: nothing sent over it is trusted.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: tls-peer-not-verified
    context.check_hostname = False
    # ok: tls-peer-not-verified
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port)) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            der = tls.getpeercert(True)
    return der


def peer_banner(host, port):
    # The same context, but the connection carries data the caller reads.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ruleid: tls-peer-not-verified[hostname]
    context.check_hostname = False
    # ruleid: tls-peer-not-verified[certNone]
    context.verify_mode = ssl.CERT_NONE
    raw = socket.create_connection((host, port))
    tls = context.wrap_socket(raw, server_hostname=host)
    print(tls.getpeercert(True))
    return tls.recv(1024)


def permissive_context():
    # Handed to the caller: what it sends over the connection is out of sight.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ruleid: tls-peer-not-verified[hostname]
    ctx.check_hostname = False
    # ruleid: tls-peer-not-verified[certNone]
    ctx.verify_mode = ssl.CERT_NONE
    return ctx
