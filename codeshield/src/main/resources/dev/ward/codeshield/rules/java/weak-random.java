import java.security.SecureRandom;
import java.util.Random;

class Tokens {
    // ruleid: java-weak-random
    private final Random random = new Random();

    long next() {
        // ruleid: java-weak-random
        Random r = new Random(42);
        // ruleid: java-weak-random
        return random.nextLong() + (long) (Math.random() * 10);
    }

    byte[] secure() {
        SecureRandom rng = new SecureRandom();
        byte[] b = new byte[16];
        // ok: java-weak-random
        rng.nextBytes(b);
        return b;
    }
}
