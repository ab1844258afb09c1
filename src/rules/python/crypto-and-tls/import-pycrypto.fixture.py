# ruleid: import-pycrypto
from Crypto.Cipher import AES
# ruleid: import-pycrypto
from Crypto import Random
# ruleid: import-pycrypto
import Crypto.PublicKey.RSA
# ruleid: import-pycrypto
from Crypto.Hash import SHA256 as sha
# ok: import-pycrypto
from Cryptodome.Cipher import AES as DomeAES
# ok: import-pycrypto
import Crypto
# ok: import-pycrypto
from cryptography.fernet import Fernet
