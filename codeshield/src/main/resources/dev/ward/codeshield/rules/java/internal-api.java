import java.util.Base64;
// ruleid: java-internal-api
import sun.misc.BASE64Encoder;

class Codec {
    String encode(byte[] data) {
        // ruleid: java-internal-api
        return new sun.misc.BASE64Encoder().encode(data);
    }

    String portable(byte[] data) {
        // ok: java-internal-api
        return Base64.getEncoder().encodeToString(data);
    }

    Object unsafe() throws Exception {
        // ruleid: java-internal-api
        return Class.forName("sun.misc.Unsafe");
    }

    // sun.misc.Unsafe in a comment is not a use
    // ok: java-internal-api
    void sunny(Object sun) { }
}
