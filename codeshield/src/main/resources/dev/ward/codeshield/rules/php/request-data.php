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
// ruleid: php-spoofable-client-address
$remote = getenv('REMOTE_ADDR');
// ruleid: php-reflected-xss
echo "Hello, " . $_GET['name'];
$q = $_REQUEST['q'];
// ruleid: php-reflected-xss
echo "<p>Results for $q</p>";
// ruleid: php-reflected-xss
print($_POST['comment']);
// ok: php-reflected-xss
echo "Hello, " . htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8');
// ok: php-reflected-xss
echo intval($_GET['page']);
// ok: php-reflected-xss
echo $greeting;
?>
<input value="<?= $_GET['q'] ?>"><?php // ruleid: php-reflected-xss-short-echo ?>
<?php
// ruleid: php-ssrf, php-remote-code-download, php-path-traversal
$page = file_get_contents($_GET['url']);
$target = $_POST['endpoint'];
$ch = curl_init();
// ruleid: php-ssrf
curl_setopt($ch, CURLOPT_URL, $target);
// ruleid: php-ssrf
$peer = file_get_contents("http://" . $_GET['host'] . "/health");
// ok: php-ssrf
$home = file_get_contents('https://api.example.com/status');
// ruleid: php-remote-code-download
include 'http://cdn.example.com/lib.php';
// ruleid: php-remote-code-download
eval(file_get_contents($pluginUrl));
// ok: php-remote-code-download
include 'lib/helpers.php';
// ruleid: php-permissions-from-request
chmod($_POST['file'], 0644);
// ruleid: php-permissions-from-request
chmod($upload, 0777);
// ok: php-permissions-from-request
chmod($upload, 0640);
// ruleid: php-extract-request
extract($_POST);
$fields = $_GET;
// ruleid: php-extract-request
extract($fields);
// ok: php-extract-request
extract($_POST, EXTR_SKIP);
// ok: php-extract-request
extract($defaults);
// ruleid: php-extract-request
parse_str($_SERVER['QUERY_STRING'] . $_GET['extra']);
// ok: php-extract-request
parse_str($_GET['filter'], $filter);
// ruleid: php-extract-request
foreach ($_REQUEST as $key => $value) {
    $$key = $value;
}
$name = $_FILES['upload']['name'];
$dest = 'uploads/' . basename($name);
// ruleid: php-unrestricted-upload
move_uploaded_file($_FILES['upload']['tmp_name'], $dest);
// ruleid: php-upload-executable-name
move_uploaded_file($tmp, "bin/tool.sh");
// ok: php-unrestricted-upload
move_uploaded_file($_FILES['upload']['tmp_name'], 'uploads/' . bin2hex(random_bytes(8)) . '.jpg');
// ruleid: php-state-change-from-cookie
user_delete($_COOKIE['uid']);
// ruleid: php-state-change-from-cookie
$repo->update($_COOKIE['account'], $data);
// ok: php-state-change-from-cookie
$repo->update($_SESSION['account'], $data);
$next = $_GET['next'];
// ruleid: php-open-redirect
header('Location: ' . $next);
// ruleid: php-open-redirect
wp_redirect($_REQUEST['redirect_to']);
