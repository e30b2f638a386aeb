package dev.ward.proxy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The proxy's bounds.
 *
 * @param maxBodyBytes largest request body (413 beyond)
 * @param maxHeaderBytes largest request header block (431 beyond)
 * @param requestTimeout longest time to a response's start (504 beyond); a stream, once started,
 *     is bounded by the upstream's idle timeout instead
 * @param checkTimeout longest a check may take (then it fails as a timeout, and the policy decides)
 * @param maxConcurrentChecks checks running at once (429 with Retry-After for new prompts beyond)
 * @param retryAfterSeconds the Retry-After of a 429
 */
public record Limits(long maxBodyBytes, int maxHeaderBytes, Duration requestTimeout,
    Duration checkTimeout, int maxConcurrentChecks, int retryAfterSeconds) {
  public static final Limits DEFAULT = new Limits(4L << 20, 16 << 10, Duration.ofSeconds(120),
      Duration.ofSeconds(30), 64, 1);

  public Limits {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(checkTimeout, "checkTimeout");
    if (maxBodyBytes < 1 || maxHeaderBytes < 1024 || maxConcurrentChecks < 1 || retryAfterSeconds < 0) {
      throw new IllegalArgumentException("limits out of range: body " + maxBodyBytes
          + " (>= 1), headers " + maxHeaderBytes + " (>= 1024), checks " + maxConcurrentChecks
          + " (>= 1), retry-after " + retryAfterSeconds + " (>= 0)");
    }
  }
}
