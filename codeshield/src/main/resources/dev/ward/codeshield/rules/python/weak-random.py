import random
import secrets


def token():
    # ruleid: python-weak-random
    n = random.randint(0, 10 ** 6)
    # ruleid: python-weak-random
    c = random.choice("abcdef")
    # ok: python-weak-random
    t = secrets.token_hex(16)
    # ok: python-weak-random
    r = random.SystemRandom().random()
    return n, c, t, r
