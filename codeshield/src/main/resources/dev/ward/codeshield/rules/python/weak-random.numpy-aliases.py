import secrets

import numpy
import numpy as xp
import numpy.random as npr
from numpy.random import randint, standard_normal as gaussian


def draws(n, items):
    # ruleid: python-weak-random
    a = np.random.rand(n)
    # ruleid: python-weak-random
    b = np.random.randn(n, 2)
    # ruleid: python-weak-random
    token = np.random.randint(0, 2 ** 31)
    # ruleid: python-weak-random
    c = numpy.random.random_sample(n)
    # ruleid: python-weak-random
    d = xp.random.exponential(1.0, n)
    # ruleid: python-weak-random
    e = npr.poisson(3.0, n)
    # ruleid: python-weak-random
    npr.shuffle(items)
    # ruleid: python-weak-random
    f = randint(0, 10)
    # ruleid: python-weak-random
    g = gaussian(n)
    # ruleid: python-weak-random
    h = np.random.binomial(10, 0.5) + np.random.beta(1, 2) + np.random.gamma(2.0)
    # ruleid: python-weak-random
    i = np.random.uniform(0, 1, n)
    # ok: python-weak-random
    np.random.seed(0)
    # ok: python-weak-random
    rng = np.random.default_rng()
    # ok: python-weak-random
    state = np.random.RandomState(42)
    # ok: python-weak-random
    seq = np.random.SeedSequence(12345)
    # ok: python-weak-random
    gen = numpy.random.Generator(numpy.random.PCG64())
    # ok: python-weak-random
    strong = secrets.token_bytes(16)
    # ok: python-weak-random
    m = np.linalg.norm(a)
    return a, b, token, c, d, e, f, g, h, i, rng, state, seq, gen, strong, m
