package dev.ward.codeshield.syntax;

import java.time.Duration;

/**
 * How much one parse may take. Values are checked: limits are what keeps hostile input from
 * stalling a scan, so a zero or negative one is a configuration error.
 *
 * @param maxChars longest text to parse, in chars
 * @param parseTimeout longest time Tree-sitter may spend on one text
 * @param maxNodes largest tree to build
 */
public record ParseLimits(int maxChars, Duration parseTimeout, int maxNodes) {
  /**
   * The longest timeout a parse or a scan may be given: deadlines are counted in nanoseconds, and
   * longer ones would overflow (no scan needs them).
   */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(1);
  public static final ParseLimits DEFAULT = new ParseLimits(4 << 20, Duration.ofSeconds(5), 4_000_000);

  public ParseLimits {
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
    }
    if (parseTimeout == null || parseTimeout.isNegative() || parseTimeout.isZero()
        || parseTimeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("parseTimeout must be positive and at most " + MAX_TIMEOUT.toHours()
          + " hours, got " + parseTimeout);
    }
    if (maxNodes <= 0) {
      throw new IllegalArgumentException("maxNodes must be positive, got " + maxNodes);
    }
  }
}
