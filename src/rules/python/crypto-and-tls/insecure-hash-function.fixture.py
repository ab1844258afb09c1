import os
import hashlib
import hashlib as hl
from hashlib import sha1
import crypt
from oslo_utils import secretutils


def digests(data, name, flag, password):
    # ruleid: insecure-hash-function[hashlib]
    a = hashlib.md5(data)
    # ruleid: insecure-hash-function[hashlib]
    b = hl.sha1(data).hexdigest()
    # ruleid: insecure-hash-function[hashlib]
    c = sha1()
    # ruleid: insecure-hash-function[hashlib]
    d = hashlib.new("MD5", data)
    # ruleid: insecure-hash-function[hashlib]
    e = hashlib.new(name="sha1")
    # ruleid: insecure-hash-function[hashlib]
    f = hashlib.md5(data, usedforsecurity=True)
    # ruleid: insecure-hash-function[crypt]
    g = crypt.crypt(password, crypt.METHOD_MD5)
    # ruleid: insecure-hash-function[crypt]
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


def cache_name(image_id, base_dir, log):
    # ruleid: insecure-hash-function[notSecurity]
    width = hashlib.sha1().digest_size * 2
    # ruleid: insecure-hash-function[notSecurity]
    fname = hashlib.sha1(image_id.encode()).hexdigest()
    log.debug("image %s is cached as %s", image_id, fname)
    return os.path.join(base_dir, fname), width


def check_upload(body, claimed):
    # ruleid: insecure-hash-function[hashlib]
    digest = hashlib.md5(body).hexdigest()
    log_it = digest
    return digest == claimed, log_it


class Cache(object):
    def verify(self, base_dir, images, log):
        for img in images:
            # ruleid: insecure-hash-function[notSecurity]
            fp = hashlib.sha1(img.encode()).hexdigest()
            log.debug('%(id)s is %(fp)s', {'id': img, 'fp': fp})
            for found in self._find(base_dir, fp):
                yield found

    def _find(self, base_dir, fp):
        yield os.path.join(base_dir, fp + '_old')

    def tokens(self, secret, claimed):
        # ruleid: insecure-hash-function[hashlib]
        mac = hashlib.sha1(secret).hexdigest()
        return self._same(mac, claimed)

    def _same(self, a, b):
        return a == b


def upload_manifest(conn, container, name, segments):
    # The object store defines an ETag as the MD5 of the content: the protocol chose the hash.
    # ruleid: insecure-hash-function[notSecurity]
    headers = {'ETag': hashlib.md5(b'').hexdigest(), 'X-Object-Manifest': '%s/%s' % (container, name)}
    conn.put(container, name, headers=headers)


def read_segment(resp, out):
    running = None
    if resp.etag:
        # ruleid: insecure-hash-function[notSecurity]
        running = hashlib.md5()
    for chunk in resp.body:
        if running:
            running.update(chunk)
        out.write(chunk)
    if running and running.hexdigest() != resp.etag:
        raise IOError('segment MD5 %s does not match %s' % (running.hexdigest(), resp.etag))


def sign_segment(resp, key):
    # The digest leaves the function: it may be trusted by someone else.
    # ruleid: insecure-hash-function[hashlib]
    running = hashlib.md5(key)
    for chunk in resp.body:
        running.update(chunk)
    if running.hexdigest() != resp.etag:
        raise IOError('bad segment')
    return running.hexdigest()
