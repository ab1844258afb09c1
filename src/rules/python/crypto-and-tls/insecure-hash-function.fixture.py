import hashlib
import hashlib as hl
from hashlib import sha1
import crypt
from oslo_utils import secretutils


def digests(data, name, flag, password):
    # ruleid: insecure-hash-function
    a = hashlib.md5(data)
    # ruleid: insecure-hash-function
    b = hl.sha1(data).hexdigest()
    # ruleid: insecure-hash-function
    c = sha1()
    # ruleid: insecure-hash-function
    d = hashlib.new("MD5", data)
    # ruleid: insecure-hash-function
    e = hashlib.new(name="sha1")
    # ruleid: insecure-hash-function
    f = hashlib.md5(data, usedforsecurity=True)
    # ruleid: insecure-hash-function
    g = crypt.crypt(password, crypt.METHOD_MD5)
    # ruleid: insecure-hash-function
    h = crypt.mksalt(method=crypt.METHOD_CRYPT)
    # ok: insecure-hash-function
    i = hashlib.md5(data, usedforsecurity=False)
    # ok: insecure-hash-function
    j = hashlib.new("md5", data, usedforsecurity=False)
    # ok: insecure-hash-function
    k = hashlib.sha256(data)
    # ok: insecure-hash-function
    m = hashlib.new(name)
    # ok: insecure-hash-function
    n = hashlib.md5(data, usedforsecurity=flag)
    # ok: insecure-hash-function
    o = secretutils.md5(data, usedforsecurity=False)
    # ok: insecure-hash-function
    p = crypt.crypt(password, crypt.METHOD_SHA512)
    return a, b, c, d, e, f, g, h, i, j, k, m, n, o, p
