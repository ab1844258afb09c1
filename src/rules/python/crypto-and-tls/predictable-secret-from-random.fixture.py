import hashlib
import hmac
import random
import string
import time
from random import randint

from cryptography.hazmat.primitives.ciphers import algorithms, modes
from oslo_utils import secretutils

def _salt(size=16):
    chars = string.ascii_letters + string.digits
    return ''.join(random.choice(chars) for _ in range(size))


def set_root_password(password):
    salt = _salt()
    # ruleid: predictable-secret-from-random
    hashed = secretutils.crypt_password(password, '$6$' + salt)
    if len(hashed) == 13:
        # ok: predictable-secret-from-random
        hashed = secretutils.crypt_password(password, salt[:2])
    return hashed


def derive(password):
    salt = bytes(randint(0, 255) for _ in range(16))
    # ruleid: predictable-secret-from-random
    return hashlib.pbkdf2_hmac('sha256', password, salt, 100000)


def sign(message):
    key = b''
    for _ in range(32):
        key += bytes([random.randint(0, 255)])
    # ruleid: predictable-secret-from-random
    return hmac.new(key, message, 'sha256').hexdigest()


class Session(object):
    def __init__(self):
        self._rng = random.Random()

    def _passphrase(self, length):
        return ''.join(self._rng.choice(string.ascii_letters) for _ in range(length))

    def _cipher(self, key):
        return algorithms.AES(key)

    def open(self, client, user):
        phrase = self._passphrase(32)
        # ruleid: predictable-secret-from-random
        cipher = self._cipher(phrase)
        # ruleid: predictable-secret-from-random
        client.users.create(user, password=self._passphrase(12))
        return cipher

    def reset(self, server):
        # ruleid: predictable-secret-from-random
        server.adminPass = str(random.getrandbits(64))


def iv_for_block():
    # ruleid: predictable-secret-from-random
    return modes.CBC(bytes(random.sample(range(256), 16)))


def shuffled_copy(items):
    rng = random.SystemRandom()
    # ok: predictable-secret-from-random
    return hmac.new(bytes(rng.choice(range(256)) for _ in range(32)), b''.join(items), 'sha256')


def retry_later(attempt):
    # ok: predictable-secret-from-random
    time.sleep(random.uniform(0, 2 ** attempt))


def pick_host(hosts):
    # ok: predictable-secret-from-random
    return random.choice(hosts)


def unique_name(prefix):
    # ok: predictable-secret-from-random
    return '%s-%08d' % (prefix, random.randint(0, 99999999))


def log_label(client, user):
    label = unique_name('tmp')
    # ok: predictable-secret-from-random
    client.users.update(user, description=label)


def sort_shuffled(items):
    # ok: predictable-secret-from-random
    return sorted(items, key=lambda _: random.random())


def strong_salt(password):
    import secrets
    # ok: predictable-secret-from-random
    return secretutils.crypt_password(password, '$6$' + secrets.token_hex(8))


def wrapper_with_own_random(password, rounds):
    pause = random.random()
    time.sleep(pause)
    # ok: predictable-secret-from-random
    return hashlib.pbkdf2_hmac('sha256', password, b'fixed-salt-from-config', rounds)


def caller_of_wrapper(password):
    # ok: predictable-secret-from-random
    return wrapper_with_own_random(password, random.randint(1000, 2000))


def generate_password(length=20):
    chrs = string.ascii_letters + string.digits
    # ruleid: predictable-secret-from-random
    return "".join([random.choice(chrs) for i in range(length)])


def _generate_salt():
    # ruleid: predictable-secret-from-random
    return ''.join(random.choice('abcdef0123456789') for _ in range(16))


def sort_key(items):
    # ok: predictable-secret-from-random
    return random.choice(items)
