<?php
function deploy($script, $shell, $bdd, $query) {
    // ruleid: php-dangerous-function-call
    exec($script, $result, $return);
    // ruleid: php-shell-command-built, php-dangerous-function-call
    shell_exec($shell . ' > /dev/null 2>/dev/null &');
    // ruleid: php-dangerous-function-call
    $bdd->exec($query);
    // ruleid: php-dangerous-function-call
    system("uptime");
    // ruleid: php-shell-command-built, php-dangerous-function-call
    system(sprintf("tar czf %s %s", escapeshellarg($shell), trim($script)));
    // ruleid: php-shell-command-built, php-dangerous-function-call
    $out = shell_exec("ping -c 1 $shell");
    // ruleid: php-dangerous-function-call
    passthru('convert ' . escapeshellarg($script) . ' out.png');
    // ok: php-command-injection, php-dangerous-function-call
    $rows = $bdd->query("SELECT 1");
    // ruleid: php-dangerous-function-call
    Artisan::exec($query);
}

function ping() {
    $host = $_GET['host'];
    // ruleid: php-command-injection, php-shell-command-built, php-dangerous-function-call
    $out = shell_exec("ping -c 3 " . $host);
    // ruleid: php-command-injection, php-dangerous-function-call
    system($_POST['cmd']);
    $args = $_REQUEST['args'];
    $parts = explode(',', $args);
    // ruleid: php-command-injection, php-shell-command-built, php-dangerous-function-call
    exec('grep ' . $parts[0] . ' /var/log/app.log', $lines);
    // ruleid: php-dangerous-function-call
    exec('grep ' . escapeshellarg($host) . ' /var/log/app.log', $lines);
    $safe = escapeshellarg($_GET['file']);
    // ruleid: php-shell-command-built, php-dangerous-function-call
    passthru("cat $safe");
    // ruleid: php-command-injection, php-backtick-shell
    $listing = `ls {$_GET['dir']}`;
    // ruleid: php-backtick-shell
    $size = `du -sh $shell`;
    // ok: php-backtick-shell
    $date = `date`;
    return $out . $listing . $size . $date;
}
