from Crypto.Cipher import ARC4, DES, AES
from Cryptodome.Cipher import Blowfish as BF
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES


def seal(key, iv, data):
    # ruleid: insecure-cipher
    a = ARC4.new(key)
    # ruleid: insecure-cipher
    b = DES.new(key, DES.MODE_CBC, iv)
    # ruleid: insecure-cipher
    c = BF.new(key)
    # ruleid: insecure-cipher
    d = Cipher(algorithms.ARC4(key), mode=None)
    # ruleid: insecure-cipher
    e = TripleDES(key)
    # ruleid: insecure-cipher
    f = algorithms.IDEA(key)
    # ok: insecure-cipher
    g = AES.new(key, AES.MODE_GCM)
    # ok: insecure-cipher
    h = Cipher(algorithms.AES(key), modes.GCM(iv))
    return a, b, c, d, e, f, g, h
