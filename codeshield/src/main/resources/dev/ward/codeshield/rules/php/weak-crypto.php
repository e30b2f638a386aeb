<?php
function token($prefix, $password) {
    // ruleid: php-weak-hash, php-weak-random
    $salt = substr(sha1(uniqid(mt_rand(), true), true), 0, 4);
    // ruleid: php-weak-hash
    $h = hash('md5', $password);
    // ok: php-weak-hash
    $ok = hash('sha256', $prefix);
    // ruleid: php-weak-random
    return uniqid($prefix);
}

function good() {
    // ok: php-weak-random, php-weak-hash
    return bin2hex(random_bytes(16));
}
