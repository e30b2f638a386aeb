import java.security.MessageDigest

fun run(cmd: String) {
    // ruleid: kotlin-command-execution
    Runtime.getRuntime().exec(cmd)
    // ruleid: kotlin-weak-hash
    val md = MessageDigest.getInstance("MD5")
    // ok: kotlin-weak-hash
    val sha = MessageDigest.getInstance("SHA-256")
}
