class Settings {
    void setUp(Context context, WebSettings settings, WebView view) {
        // ruleid: java-world-accessible-file
        SharedPreferences preferences = context.getSharedPreferences("ThemeConfig", Context.MODE_WORLD_READABLE | Context.MODE_WORLD_WRITEABLE);
        // ruleid: java-world-accessible-file
        FileOutputStream out = openFileOutput("cache.dat", MODE_WORLD_WRITABLE);
        // ok: java-world-accessible-file
        SharedPreferences own = context.getSharedPreferences("ThemeConfig", Context.MODE_PRIVATE);
        // ruleid: java-webview-file-access
        this.getSettings().setAllowFileAccess(true);
        // ruleid: java-webview-file-access
        settings.setAllowUniversalAccessFromFileURLs(true);
        // ok: java-webview-file-access
        settings.setAllowFileAccess(false);
        // ruleid: java-webview-debugging
        WebView.setWebContentsDebuggingEnabled(true);
        // ok: java-webview-debugging
        WebView.setWebContentsDebuggingEnabled(false);
        if (BuildConfig.DEBUG) {
            // ok: java-webview-debugging
            WebView.setWebContentsDebuggingEnabled(true);
        }
    }
}
