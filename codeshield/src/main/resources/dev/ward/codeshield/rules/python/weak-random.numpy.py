from numpy import random


def shuffle_ids(ids, size):
    # ruleid: python-weak-random
    order = random.permutation(len(ids))
    # ruleid: python-weak-random
    noise = random.rand(size)
    # ruleid: python-weak-random
    pick = random.normal(0.0, 1.0, size)
    # ruleid: python-weak-random
    coin = random.choice([0, 1])
    # ruleid: python-weak-random
    salt = random.bytes(16)
    # ok: python-weak-random
    random.seed(1234)
    # ok: python-weak-random
    rng = make_rng(size)
    # ok: python-weak-random
    gen = random.default_rng()
    return [ids[i] for i in order], noise, pick, coin, salt, rng, gen
