import os


def configure(form, connect):
    # ruleid: python-hardcoded-secret
    password = "password"
    # ruleid: python-hardcoded-secret
    form['password'] = 'wrong'
    # ruleid: python-hardcoded-secret
    db = connect(host="db", user="app", password="hunter2")
    # ok: python-hardcoded-secret
    password = os.environ["DB_PASSWORD"]
    # ok: python-hardcoded-secret
    password = ""
    # ok: python-hardcoded-secret
    username = "admin"
    return db


def encrypt(key, data):
    # ruleid: python-fixed-iv
    iv = b"0123456789abcdef"
    # ruleid: python-fixed-iv
    nonce = b"\x00" * 12
    # ruleid: python-fixed-iv
    self.initialization_vector = "fedcba9876543210"
    # ruleid: python-fixed-iv
    cipher = AES.new(key, AES.MODE_GCM, nonce=b"fixed-nonce!")
    # ok: python-fixed-iv
    iv = os.urandom(16)
    # ok: python-fixed-iv
    cipher = AES.new(key, AES.MODE_CBC, iv=iv)
    # ok: python-fixed-iv
    iv_length = 16
    return cipher.encrypt(data)


def simulate():
    # ruleid: python-fixed-seed
    rng_seed = 1234
    # ruleid: python-fixed-seed
    config.prngSeed = "deadbeef"
    # ok: python-fixed-seed
    rng_seed = int.from_bytes(os.urandom(4), "big")
    # ok: python-fixed-seed
    seed_bytes = 32
    return rng_seed
