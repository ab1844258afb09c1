import ssl
from ssl import wrap_socket as tls_wrap


def secure(sock, host, version):
    # ruleid: ssl-wrap-socket-no-version[noVersion]
    plain = ssl.wrap_socket(sock)
    # ruleid: ssl-wrap-socket-no-version[noVersion]
    other = tls_wrap(sock, certfile="/etc/nova/cert.pem")
    # ok: ssl-wrap-socket-no-version
    pinned = ssl.wrap_socket(sock, ssl_version=version)
    # ok: ssl-wrap-socket-no-version
    positional = ssl.wrap_socket(sock, None, None, False, ssl.CERT_REQUIRED, version)
    # ok: ssl-wrap-socket-no-version
    modern = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
    return plain, other, pinned, positional, modern


def client_auth(sock, key, cert, ca, insecure):
    if insecure:
        # ruleid: ssl-wrap-socket-no-version[deprecated]
        return ssl.wrap_socket(sock, key, cert, cert_reqs=ssl.CERT_NONE)
    # ruleid: ssl-wrap-socket-no-version[deprecated]
    return ssl.wrap_socket(sock, key, cert, ca_certs=ca, cert_reqs=ssl.CERT_REQUIRED)


def listener(sock, cert):
    # ruleid: ssl-wrap-socket-no-version[deprecated]
    return ssl.wrap_socket(sock, certfile=cert, server_side=True)
