<?php
function register($db, $password, $id, $data) {
    // ruleid: php-unsalted-password-hash, php-weak-hash
    $hash = md5($password);
    // ruleid: php-unsalted-password-hash, php-weak-hash
    $trimmed = sha1(trim($password));
    // ok: php-unsalted-password-hash
    $good = password_hash($password, PASSWORD_DEFAULT);
    // ruleid: php-unserialize
    $obj = unserialize($_COOKIE['state']);
    // ok: php-unserialize
    $arr = json_decode($data, true);
    // ruleid: php-information-disclosure
    phpinfo();
    // ruleid: php-error-details-shown
    $r = mysqli_query($db, "SELECT 1") or die("Error: " . mysqli_error($db));
    // ruleid: php-sql-injection
    $rows = mysqli_query($db, "SELECT * FROM users WHERE id = " . $id);
    // ruleid: php-sql-injection, php-dangerous-function-call
    $db->exec("DELETE FROM t WHERE id = $id");
    // ruleid: php-sql-injection
    $found = $db->query("SELECT * FROM t WHERE name = '" . $db->escape_string($data) . "'");
    // ok: php-sql-injection
    $stmt = $db->prepare("SELECT * FROM users WHERE id = ?");
    // ruleid: php-code-injection
    eval($data);
    // ruleid: php-code-injection
    eval(base64_decode($data));
    // ok: php-code-injection
    assert($id === 3);
    // ok: php-code-injection
    assert(isset($data['id']) && $id <= 10);
    // ruleid: php-code-injection
    assert("is_numeric($data)");
    // ruleid: php-code-injection
    assert('$x > ' . $id);
    // ruleid: php-sensitive-cookie
    setcookie("password", $password, time() + 3600);
    // ok: php-sensitive-cookie
    setcookie("theme", "dark");
}
