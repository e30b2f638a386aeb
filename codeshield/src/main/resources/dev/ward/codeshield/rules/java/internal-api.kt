// ruleid: java-internal-api
import sun.misc.Unsafe
import java.util.Base64

class Codec {
    fun encode(data: ByteArray): String {
        // ruleid: java-internal-api
        return sun.misc.BASE64Encoder().encode(data)
    }

    fun portable(data: ByteArray): String {
        // ok: java-internal-api
        return Base64.getEncoder().encodeToString(data)
    }
}
