package dev.ward.codeshield;

import dev.ward.codeshield.syntax.ParseLimits;
import java.time.Duration;

/**
 * What one scan may cost. Input beyond {@code maxInputChars} is not scanned (a problem says so);
 * parsing a block stops after {@code parseTimeout} or {@code maxNodes}; matching stops between
 * rules once {@code scanTimeout} has passed since the scan began.
 */
public record Limits(int maxInputChars, Duration parseTimeout, int maxNodes, Duration scanTimeout) {
  public static final Limits DEFAULT = new Limits(4 << 20, Duration.ofSeconds(2), 2_000_000, Duration.ofSeconds(5));

  public Limits {
    new ParseLimits(maxInputChars, parseTimeout, maxNodes); // same checks, same messages
    if (scanTimeout == null || scanTimeout.isNegative() || scanTimeout.isZero()) {
      throw new IllegalArgumentException("scanTimeout must be positive, got " + scanTimeout);
    }
  }

  ParseLimits parse() {
    return new ParseLimits(maxInputChars, parseTimeout, maxNodes);
  }
}
