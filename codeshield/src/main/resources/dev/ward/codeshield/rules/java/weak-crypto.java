import java.security.MessageDigest;
import javax.crypto.Cipher;

class Crypto {
    byte[] digest(String input, String key) throws Exception {
        // ruleid: java-weak-hash
        MessageDigest md = MessageDigest.getInstance("MD5");
        // ruleid: java-weak-hash
        MessageDigest sha = MessageDigest.getInstance("SHA1");
        // ruleid: java-weak-hash
        String hex = DigestUtils.sha1Hex(key);
        // ok: java-weak-hash
        MessageDigest good = MessageDigest.getInstance("SHA-256");
        // ruleid: java-weak-cipher
        Cipher cipher = Cipher.getInstance("AES");
        // ruleid: java-weak-cipher
        Cipher des = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: java-weak-cipher
        Cipher ecb = Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ok: java-weak-cipher
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        // ruleid: java-weak-key-algorithm
        KeyGenerator kg = KeyGenerator.getInstance("DES");
        // ok: java-weak-key-algorithm
        KeyGenerator aesKeys = KeyGenerator.getInstance("AES");
        return md.digest(input.getBytes());
    }
}
