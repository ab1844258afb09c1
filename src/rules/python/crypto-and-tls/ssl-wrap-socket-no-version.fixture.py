import ssl
from ssl import wrap_socket as tls_wrap


def secure(sock, host, version):
    # ruleid: ssl-wrap-socket-no-version
    plain = ssl.wrap_socket(sock)
    # ruleid: ssl-wrap-socket-no-version
    other = tls_wrap(sock, certfile="/etc/nova/cert.pem")
    # ok: ssl-wrap-socket-no-version
    pinned = ssl.wrap_socket(sock, ssl_version=version)
    # ok: ssl-wrap-socket-no-version
    positional = ssl.wrap_socket(sock, None, None, False, ssl.CERT_REQUIRED, version)
    # ok: ssl-wrap-socket-no-version
    modern = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
    return plain, other, pinned, positional, modern
