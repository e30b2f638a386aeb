<?php
// ruleid: php-spoofable-client-address
$ip = $_SERVER['REMOTE_ADDR'];
// ok: php-spoofable-client-address
$agent = $_SERVER['HTTP_USER_AGENT'];
// ruleid: php-open-redirect
header("Location: status_dhcp_leases.php?all={$_GET['all']}");
// ok: php-open-redirect
header("Location: /index.php");
// ruleid: php-path-traversal
require($_POST['app_dir'] . $_POST['app_name'] . '_nmutf8.php');
// ruleid: php-path-traversal
$data = file_get_contents('/var/data/' . $_GET['file']);
// ok: php-path-traversal
$conf = file_get_contents('/etc/app.conf');
