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

    String code(Random shared) {
        // ruleid: java-weak-random
        String token = RandomStringUtils.randomAlphanumeric(32);
        // ruleid: java-weak-random
        int n = RandomUtils.nextInt(0, 10);
        // ruleid: java-weak-random
        return token + shared.nextInt(6) + n;
    }

    byte[] secure() {
        SecureRandom rng = new SecureRandom();
        byte[] b = new byte[16];
        // ok: java-weak-random
        rng.nextBytes(b);
        return b;
    }
}
