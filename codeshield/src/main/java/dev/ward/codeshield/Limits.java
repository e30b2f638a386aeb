package dev.ward.codeshield;

import dev.ward.codeshield.syntax.ParseLimits;
import java.time.Duration;

/**
 * What one scan may cost. Input beyond {@code maxInputChars} is not scanned; parsing a block
 * stops after {@code parseTimeout} or {@code maxNodes}; the whole scan (language detection,
 * parsing and matching, every block of an answer) stops once {@code scanTimeout} has passed since
 * it began, checked inside matching, so one slow rule cannot overrun it. Each of these makes the
 * result {@linkplain ScanResult#complete() incomplete}, with a {@link ScanProblem} saying which,
 * and keeps the findings made before it.
 *
 * <p>Defaults ({@link #DEFAULT}): 4 Mi chars, 2 s per parse, 2 M nodes per tree, 5 s per scan.
 */
public record Limits(int maxInputChars, Duration parseTimeout, int maxNodes, Duration scanTimeout) {
  public static final Limits DEFAULT = new Limits(4 << 20, Duration.ofSeconds(2), 2_000_000, Duration.ofSeconds(5));

  public Limits {
    new ParseLimits(maxInputChars, parseTimeout, maxNodes); // same checks, same messages
    if (scanTimeout == null || scanTimeout.isNegative() || scanTimeout.isZero()
        || scanTimeout.compareTo(ParseLimits.MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("scanTimeout must be positive and at most " + ParseLimits.MAX_TIMEOUT.toHours()
          + " hours, got " + scanTimeout);
    }
  }

  ParseLimits parse() {
    return new ParseLimits(maxInputChars, parseTimeout, maxNodes);
  }
}
