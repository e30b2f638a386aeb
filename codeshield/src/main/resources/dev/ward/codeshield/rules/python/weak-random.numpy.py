from numpy import random


def shuffle_ids(ids, size):
    # ruleid: python-weak-random
    order = random.permutation(len(ids))
    # ruleid: python-weak-random
    noise = random.rand(size)
    # ruleid: python-weak-random
    pick = random.normal(0.0, 1.0, size)
    # ok: python-weak-random
    rng = make_rng(size)
    return [ids[i] for i in order], noise, pick, rng
