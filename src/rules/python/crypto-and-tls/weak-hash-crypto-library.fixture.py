from Crypto.Hash import MD5, SHA, SHA256
from Crypto.Hash import MD4 as md4_mod
from Cryptodome.Hash import SHA1
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.hashes import MD5 as CryptoMD5
import hashlib


def digests(data):
    # ruleid: weak-hash-crypto-library
    a = MD5.new(data)
    # ruleid: weak-hash-crypto-library
    b = SHA.new(data)
    # ruleid: weak-hash-crypto-library
    c = md4_mod.new()
    # ruleid: weak-hash-crypto-library
    d = SHA1.new(data)
    # ruleid: weak-hash-crypto-library
    e = hashes.Hash(hashes.SHA1())
    # ruleid: weak-hash-crypto-library
    f = CryptoMD5()
    # ok: weak-hash-crypto-library
    g = SHA256.new(data)
    # ok: weak-hash-crypto-library
    h = hashes.Hash(hashes.SHA256())
    # ok: weak-hash-crypto-library
    i = hashlib.sha256(data)
    return a, b, c, d, e, f, g, h, i
