package dev.ward.cyberseceval.llm;

import java.time.Duration;

/**
 * How often and how patiently a failed call is repeated: {@code attempts} in all, waiting
 * {@code first}, then twice as long each time, never more than {@code max} (a server's
 * {@code Retry-After} is honoured up to {@code max}).
 */
public record Backoff(int attempts, Duration first, Duration max) {
  /** 8 attempts, from 0.5 s doubling up to 60 s: about 2 minutes of patience per call. */
  public static final Backoff DEFAULT = new Backoff(8, Duration.ofMillis(500), Duration.ofSeconds(60));

  public Backoff {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1; got " + attempts);
    }
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 <= first <= max; got " + first + " and " + max);
    }
  }

  /** The wait after failed attempt {@code attempt} (0-based). */
  Duration delay(int attempt) {
    long millis = first.toMillis() << Math.min(attempt, 30);
    return millis > max.toMillis() || millis < 0 ? max : Duration.ofMillis(millis);
  }

  Duration cap(Duration wanted) {
    return wanted.compareTo(max) > 0 ? max : wanted;
  }
}
