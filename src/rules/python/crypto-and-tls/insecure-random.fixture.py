import random
import random as rnd
import time
from random import choice, randint
import secrets


def token(alphabet):
    # ruleid: insecure-random
    value = random.random()
    # ruleid: insecure-random
    pick = choice(alphabet)
    # ruleid: insecure-random
    number = randint(0, 10)
    # ruleid: insecure-random
    gen = rnd.Random(42)
    # ruleid: insecure-random
    bits = random.getrandbits(128)
    # ruleid: insecure-random
    time.sleep(random.uniform(0, 2))
    # ok: insecure-random
    safe = secrets.token_urlsafe(32)
    # ok: insecure-random
    system = random.SystemRandom()
    # ok: insecure-random
    system.choice(alphabet)
    return value, pick, number, gen, bits, safe


def random_name():
    return "x"


def use():
    # ok: insecure-random
    return random_name()
