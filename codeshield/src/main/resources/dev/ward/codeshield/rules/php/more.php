<?php
function register($db, $password, $id, $data) {
    // ruleid: php-unsalted-password-hash, php-weak-hash
    $hash = md5($password);
    // ruleid: php-unsalted-password-hash, php-weak-hash
    $trimmed = sha1(trim($password));
    // ok: php-unsalted-password-hash
    $good = password_hash($password, PASSWORD_BCRYPT, ['cost' => 12]);
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
    // ruleid: php-sql-injection
    $legacy = mysql_query($_GET['query']);
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

function errors($db, $xml, $name) {
    // ruleid: php-display-errors
    ini_set('display_errors', '1');
    // ruleid: php-display-errors
    ini_set("display_errors", "On");
    // ok: php-display-errors
    ini_set('display_errors', '0');
    // ruleid: php-error-details-shown
    $user = find($db, $_GET['id']) or die("No user " . $_GET['id']);
    // ruleid: php-error-details-shown
    exit($_POST['msg']);
    // ruleid: php-cookie-not-secure
    setcookie("session", $name, time() + 3600, "/", "", false, false);
    // ruleid: php-cookie-not-secure
    setcookie('sid', $name, ['expires' => 0, 'secure' => false, 'httponly' => true]);
    // ok: php-cookie-not-secure
    setcookie("session", $name, time() + 3600, "/", "example.com", true, true);
    // ruleid: php-xml-external-entities
    $doc = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOENT);
    $dom = new DOMDocument();
    // ruleid: php-xml-external-entities
    $dom->loadXML($xml, LIBXML_NOENT | LIBXML_DTDLOAD);
    // ok: php-xml-external-entities
    $safe = simplexml_load_string($xml);
    // ruleid: php-xml-external-entities
    libxml_disable_entity_loader(false);
    // ruleid: php-code-injection
    $out = preg_replace('/(\w+)/e', 'strtoupper("$1")', $name);
    // ok: php-code-injection
    $ok = preg_replace('/(\w+)/i', '<b>$1</b>', $name);
    // ok: php-code-injection
    eval('return 42;');
    return $doc . $safe . $out . $ok . $user;
}
