package dev.ward.codeshield;

/**
 * Something that kept part of the input from being scanned fully: an unknown fence language, a
 * block over the size limit, a parse timeout. The rest of the input is still scanned; problems
 * travel with the result so nothing is lost silently.
 *
 * @param line 1-based line in the input where the affected block starts
 */
public record ScanProblem(Kind kind, int line, String message) {
  /** What went wrong. */
  public enum Kind { UNSUPPORTED_LANGUAGE, UNKNOWN_LANGUAGE, TOO_LARGE, PARSE_TIMEOUT, TOO_MANY_NODES, SCAN_TIMEOUT, RULE_FAILED }

  public ScanProblem {
    if (kind == null || message == null || message.isBlank()) {
      throw new IllegalArgumentException("scan problem needs a kind and a message, got " + kind + ", '" + message + "'");
    }
    if (line < 1) {
      throw new IllegalArgumentException("scan problem line must be >= 1, got " + line);
    }
  }
}
