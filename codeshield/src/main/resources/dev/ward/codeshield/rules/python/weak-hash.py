import hashlib
from hashlib import md5
from Crypto.Hash import MD5, SHA256
from cryptography.hazmat.primitives import hashes


def digest(base_str, key_str, parent_id, label):
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
    # ruleid: python-weak-hash
    legacy = hashlib.new('sha1')
    # ruleid: python-weak-hash
    upper = hashlib.new("MD5", key_str.encode())
    # ok: python-weak-hash
    blake = hashlib.new("blake2b", key_str.encode())
    # ruleid: python-weak-hash
    hasher = hashlib.sha1()
    # ruleid: python-weak-hash
    label_hashed = "_" + hashlib.md5(label.encode("utf-8")).hexdigest()
    # ruleid: python-weak-hash
    pyc = MD5.new(base_str)
    # ok: python-weak-hash
    good = SHA256.new(base_str)
    # ruleid: python-weak-hash
    crypto_digest = hashes.Hash(hashes.SHA1())
    return salt, h, g, fingerprint, strong, legacy, upper, blake, hasher, label_hashed, pyc, good, crypto_digest
