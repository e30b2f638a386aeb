class Settings {
    var dbPassword: String? = null
    // todoruleid: java-hardcoded-secret
    val apiKey = "s3cr3t!"

    fun configure() {
        // ruleid: java-hardcoded-secret
        dbPassword = "s3cr3t!"
    }
    // ok: java-hardcoded-secret
    val user = "admin"
    // ok: java-hardcoded-secret
    val passwordField = "password"
}
