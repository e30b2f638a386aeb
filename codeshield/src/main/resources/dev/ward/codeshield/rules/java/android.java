class Settings {
    void setUp(Context context, WebSettings settings) {
        // ruleid: java-world-accessible-file
        SharedPreferences preferences = context.getSharedPreferences("ThemeConfig", Context.MODE_WORLD_READABLE | Context.MODE_WORLD_WRITEABLE);
        // ok: java-world-accessible-file
        SharedPreferences own = context.getSharedPreferences("ThemeConfig", Context.MODE_PRIVATE);
        // ruleid: java-webview-file-access
        this.getSettings().setAllowFileAccess(true);
        // ok: java-webview-file-access
        settings.setAllowFileAccess(false);
    }
}
