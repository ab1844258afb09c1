import ssl
from ssl import PROTOCOL_TLSv1_1

from OpenSSL import SSL


# ruleid: ssl-insecure-version-default
def open_channel(sock, version=ssl.PROTOCOL_TLSv1):
    return ssl.SSLContext(version).wrap_socket(sock)


# ruleid: ssl-insecure-version-default
def pyopenssl_context(*, method: int = SSL.SSLv3_METHOD):
    return SSL.Context(method)


# ruleid: ssl-insecure-version-default
async def legacy(sock, version=PROTOCOL_TLSv1_1):
    return version


# ok: ssl-insecure-version-default
def modern(sock, version=ssl.PROTOCOL_TLS_CLIENT, timeout=30):
    return ssl.SSLContext(version).wrap_socket(sock)


# ok: ssl-insecure-version-default
def chosen(sock, version=None):
    return version
