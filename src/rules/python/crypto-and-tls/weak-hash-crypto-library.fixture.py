from Crypto.Hash import MD5, SHA, SHA256
from Crypto.Hash import MD4 as md4_mod
from Cryptodome.Hash import SHA1
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.hashes import MD5 as CryptoMD5
import hashlib


def digests(data):
    # ruleid: weak-hash-crypto-library[blacklisted]
    a = MD5.new(data)
    # ruleid: weak-hash-crypto-library[blacklisted]
    b = SHA.new(data)
    # ruleid: weak-hash-crypto-library[blacklisted]
    c = md4_mod.new()
    # ruleid: weak-hash-crypto-library[blacklisted]
    d = SHA1.new(data)
    # ruleid: weak-hash-crypto-library[blacklisted]
    e = hashes.Hash(hashes.SHA1())
    # ruleid: weak-hash-crypto-library[blacklisted]
    f = CryptoMD5()
    # ok: weak-hash-crypto-library
    g = SHA256.new(data)
    # ok: weak-hash-crypto-library
    h = hashes.Hash(hashes.SHA256())
    # ok: weak-hash-crypto-library
    i = hashlib.sha256(data)
    return a, b, c, d, e, f, g, h, i


def key_fingerprint(cert):
    # ruleid: weak-hash-crypto-library[fingerprint]
    return cert.fingerprint(hashes.SHA1()).hex()
