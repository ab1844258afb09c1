import ssl
from ssl import _create_unverified_context as insecure_context


def contexts(ca_file):
    # ruleid: ssl-unverified-context
    a = ssl._create_unverified_context()
    # ruleid: ssl-unverified-context
    b = insecure_context(cafile=ca_file)
    # ok: ssl-unverified-context
    c = ssl.create_default_context(cafile=ca_file)
    # ok: ssl-unverified-context
    d = ssl._create_default_https_context
    return a, b, c, d


def disable_everywhere():
    # ruleid: ssl-unverified-context
    ssl._create_default_https_context = ssl._create_unverified_context
