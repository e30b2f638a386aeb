<?php
// ruleid: php-unauthenticated-critical-action
unlink('uploads/' . $_GET['file']);
$id = $_POST['id'];
// ruleid: php-unauthenticated-critical-action
mysqli_query($db, "DELETE FROM posts WHERE id = " . $id);
// ok: php-unauthenticated-critical-action
$title = strtoupper($_POST['title']);

function remove_cache() {
    session_start();
    if (!isset($_SESSION['user_id'])) {
        http_response_code(403);
        exit;
    }
    $dir = $_GET['dir'];
    // ok: php-unauthenticated-critical-action
    rmdir('cache/' . basename($dir));
}

function purge() {
    $name = $_REQUEST['name'];
    if (current_user_can('manage_options')) {
        // ok: php-unauthenticated-critical-action
        rmdir('cache/' . basename($name));
    }
    // ruleid: php-unauthenticated-critical-action
    rmdir('tmp/' . $name);
}
