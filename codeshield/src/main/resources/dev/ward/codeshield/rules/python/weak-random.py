import random
import random as rnd
import secrets
import string
from random import choice as pick, randint


def token(n, ports):
    # ruleid: python-weak-random
    value = random.randint(0, 10 ** 6)
    # ruleid: python-weak-random
    c = random.choice("abcdef")
    # ok: python-weak-random
    t = secrets.token_hex(16)
    # ok: python-weak-random
    r = random.SystemRandom().random()
    # ruleid: python-weak-random
    code = ''.join(random.choice(string.ascii_uppercase + string.digits) for _ in range(n))
    # ruleid: python-weak-random
    portspec = "%d," % rnd.choice(ports)
    # ruleid: python-weak-random
    src_port_index = randint(0, 13)
    # ruleid: python-weak-random
    letter = pick(string.ascii_letters)
    # ruleid: python-weak-random
    rng = random.Random(42)
    # ok: python-weak-random
    strong = secrets.choice(string.ascii_letters)
    return value, c, t, r, code, portspec, src_port_index, letter, rng, strong
