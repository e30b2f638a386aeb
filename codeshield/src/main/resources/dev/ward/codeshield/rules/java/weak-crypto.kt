import javax.crypto.Cipher

fun ciphers(): List<Cipher> {
    // ruleid: java-ecb-mode
    val ecb = Cipher.getInstance("AES/ECB/PKCS5Padding")
    // ruleid: java-ecb-mode
    val implicit = Cipher.getInstance("AES")
    // ok: java-ecb-mode
    val gcm = Cipher.getInstance("AES/GCM/NoPadding")
    return listOf(ecb, implicit, gcm)
}
