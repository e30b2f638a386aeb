<?php
function deploy($script, $shell, $bdd, $query) {
    // ruleid: php-command-injection, php-dangerous-function-call
    exec($script, $result, $return);
    // ruleid: php-command-injection, php-dangerous-function-call
    shell_exec($shell . ' > /dev/null 2>/dev/null &');
    // ruleid: php-dangerous-function-call
    $bdd->exec($query);
    // ruleid: php-dangerous-function-call
    system("uptime");
    // ruleid: php-command-injection, php-dangerous-function-call
    system(sprintf("tar czf %s %s", escapeshellarg($shell), trim($script)));
    // ok: php-command-injection, php-dangerous-function-call
    $rows = $bdd->query("SELECT 1");
}
