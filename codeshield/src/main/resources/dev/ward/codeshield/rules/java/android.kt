fun prefs(context: Context, webView: WebView) {
    // ruleid: java-world-accessible-file
    val prefs = context.getSharedPreferences("x", Context.MODE_WORLD_READABLE)
    // ok: java-world-accessible-file
    val own = context.getSharedPreferences("x", Context.MODE_PRIVATE)
    // ruleid: java-webview-file-access
    webView.settings.allowFileAccess = true
    // ok: java-webview-file-access
    webView.settings.allowFileAccess = false
    // ruleid: java-webview-debugging
    WebView.setWebContentsDebuggingEnabled(true)
}
