import hashlib
from hashlib import md5


def digest(base_str):
    # ruleid: python-weak-hash
    salt = hashlib.sha1(str(random.random())).hexdigest()[:5]
    # ruleid: python-weak-hash
    h = hashlib.md5(base_str).hexdigest()
    # ruleid: python-weak-hash
    g = md5(base_str)
    # ok: python-weak-hash
    fingerprint = hashlib.md5(base_str, usedforsecurity=False)
    # ok: python-weak-hash
    strong = hashlib.sha256(base_str).hexdigest()
    return salt, h, g, fingerprint, strong
