from Crypto.PublicKey import RSA as LegacyRSA
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa


def keys(size):
    # ruleid: weak-cryptographic-key
    weak_rsa = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: weak-cryptographic-key
    weak_dsa = dsa.generate_private_key(512)
    # ruleid: weak-cryptographic-key
    weak_ec = ec.generate_private_key(ec.SECP192R1())
    # ruleid: weak-cryptographic-key
    legacy = LegacyRSA.generate(bits=1536)
    # ok: weak-cryptographic-key
    strong_rsa = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ok: weak-cryptographic-key
    strong_ec = ec.generate_private_key(curve=ec.SECP256R1())
    # ok: weak-cryptographic-key
    configured = rsa.generate_private_key(65537, size)
    # ok: weak-cryptographic-key
    modern = LegacyRSA.generate(4096)
    return weak_rsa, weak_dsa, weak_ec, legacy, strong_rsa, strong_ec, configured, modern
