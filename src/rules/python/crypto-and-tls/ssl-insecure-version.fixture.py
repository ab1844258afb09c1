import ssl
from ssl import PROTOCOL_SSLv3

from OpenSSL import SSL


def contexts(sock, version, connect):
    # ruleid: ssl-insecure-version
    legacy = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    # ruleid: ssl-insecure-version
    wrapped = ssl.wrap_socket(sock, ssl_version=PROTOCOL_SSLv3)
    # ruleid: ssl-insecure-version
    openssl_ctx = SSL.Context(SSL.TLSv1_1_METHOD)
    # ruleid: ssl-insecure-version
    conn = connect("db.example.com", ssl_version=ssl.PROTOCOL_SSLv2)
    modern = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ruleid: ssl-insecure-version
    modern.minimum_version = ssl.TLSVersion.TLSv1
    # ok: ssl-insecure-version
    modern.minimum_version = ssl.TLSVersion.TLSv1_2
    # ok: ssl-insecure-version
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # ok: ssl-insecure-version
    custom = ssl.SSLContext(version)
    # ok: ssl-insecure-version
    good = SSL.Context(SSL.TLS_METHOD)
    # ok: ssl-insecure-version
    other = connect("db.example.com", method="GET")
    return legacy, wrapped, openssl_ctx, conn, server, custom, good, other
