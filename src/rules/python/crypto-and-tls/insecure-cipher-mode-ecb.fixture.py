from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.modes import ECB as ElectronicCodebook
from Crypto.Cipher import AES


def encryptors(key, iv):
    # ruleid: insecure-cipher-mode-ecb
    a = Cipher(algorithms.AES(key), modes.ECB())
    # ruleid: insecure-cipher-mode-ecb
    b = Cipher(algorithms.AES(key), ElectronicCodebook())
    # ok: insecure-cipher-mode-ecb
    c = Cipher(algorithms.AES(key), modes.CBC(iv))
    # todoruleid: insecure-cipher-mode-ecb
    d = AES.new(key, AES.MODE_ECB)
    return a, b, c, d
