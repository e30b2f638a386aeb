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

function legacy($key, $data, $iv, $user) {
    // ruleid: php-mcrypt
    $td = mcrypt_module_open(MCRYPT_RIJNDAEL_128, '', MCRYPT_MODE_CBC, '');
    // ruleid: php-mcrypt
    $enc = mcrypt_encrypt(MCRYPT_RIJNDAEL_256, $key, $data, MCRYPT_MODE_ECB, $iv);
    // ruleid: php-mcrypt
    $plain = mdecrypt_generic($td, $enc);
    // ok: php-mcrypt
    $sealed = openssl_encrypt($data, 'aes-256-gcm', $key, 0, $iv, $tag);
    // ruleid: php-password-hash-default
    $user->setPassword(password_hash($data, PASSWORD_DEFAULT));
    // ok: php-password-hash-default
    $strong = password_hash($data, PASSWORD_ARGON2ID);
    // ok: php-password-hash-default
    $tuned = password_hash($data, PASSWORD_DEFAULT, ['cost' => 12]);
    return $plain . $sealed . $strong . $tuned;
}
