fun prefs(context: Context) {
    // ruleid: java-world-accessible-file
    val prefs = context.getSharedPreferences("x", Context.MODE_WORLD_READABLE)
    // ok: java-world-accessible-file
    val own = context.getSharedPreferences("x", Context.MODE_PRIVATE)
}
