import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.digest.DigestUtils;
import static org.apache.commons.codec.digest.DigestUtils.md5Hex;

class Crypto {
    byte[] digest(String input, String key, byte[] raw, String imei) throws Exception {
        // ruleid: java-weak-hash
        MessageDigest md = MessageDigest.getInstance("MD5");
        // ruleid: java-weak-hash
        MessageDigest sha = MessageDigest.getInstance("SHA1");
        // ruleid: java-weak-hash
        MessageDigest fq = java.security.MessageDigest.getInstance("sha-1", "SUN");
        // ruleid: java-weak-hash
        String hex = DigestUtils.sha1Hex(key);
        // ruleid: java-weak-hash
        String etag = md5Hex(raw);
        // ruleid: java-weak-hash
        byte[] legacy = org.apache.commons.codec.digest.DigestUtils.md5(raw);
        // ruleid: java-weak-hash
        String guava = Hashing.md5().hashString(input, UTF_8).toString();
        // ruleid: java-weak-hash
        DigestUtils utils = new DigestUtils(MessageDigestAlgorithms.MD5);
        // ruleid: java-weak-hash
        String userId = MD5.md5("APP" + imei);
        // ok: java-weak-hash
        MessageDigest good = MessageDigest.getInstance("SHA-256");
        // ok: java-weak-hash
        String strong = DigestUtils.sha256Hex(key);
        // ruleid: java-ecb-mode
        Cipher cipher = Cipher.getInstance("AES");
        // ruleid: java-ecb-mode
        Cipher ecb = Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ruleid: java-cipher-no-padding
        Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/NoPadding");
        // ruleid: java-weak-cipher, java-cbc-padding-oracle
        Cipher des = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: java-cbc-padding-oracle
        Cipher cbc = Cipher.getInstance("AES/CBC/PKCS5Padding", "BC");
        // ruleid: java-cipher-no-padding
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        // ok: java-ecb-mode, java-cbc-padding-oracle, java-cipher-no-padding, java-weak-cipher
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: java-ecb-mode, java-cipher-no-padding
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        // ruleid: java-rsa-pkcs1-padding
        Cipher pkcs1 = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        // ruleid: java-weak-cipher
        KeyGenerator kg = KeyGenerator.getInstance("DES");
        // ruleid: java-weak-cipher
        SecretKeyFactory tdes = SecretKeyFactory.getInstance("DESede");
        // ruleid: java-weak-cipher
        Cipher rc4 = Cipher.getInstance("RC4");
        // ruleid: java-weak-cipher
        SecretKeySpec bf = new SecretKeySpec(raw, "Blowfish");
        // ruleid: java-des-key-spec
        DESKeySpec spec = new DESKeySpec(raw);
        // ok: java-weak-cipher
        KeyGenerator aesKeys = KeyGenerator.getInstance("AES");
        // ruleid: java-null-cipher
        Cipher none = new NullCipher();
        // ruleid: java-weak-tls-protocol
        SSLContext ssl3 = SSLContext.getInstance("SSLv3");
        // ruleid: java-weak-tls-protocol
        SSLContext tls10 = SSLContext.getInstance("TLSv1");
        // ok: java-weak-tls-protocol
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        // ruleid: java-weak-tls-protocol
        socket.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.1"});
        return md.digest(input.getBytes());
    }

    KeyGenParameterSpec keystoreKey() {
        return new KeyGenParameterSpec.Builder("alias", KeyProperties.PURPOSE_ENCRYPT)
            // ruleid: java-ecb-mode
            .setBlockModes(KeyProperties.BLOCK_MODE_ECB)
            .build();
    }
}
