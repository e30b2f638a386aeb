package dev.ward.codeshield;

import java.util.Locale;

/** How bad a finding is, most severe first. */
public enum Severity {
  ERROR, WARNING, ADVICE;

  /** Parses a severity, accepting Semgrep's {@code INFO} for {@link #ADVICE}; case-insensitive. */
  public static Severity parse(String text) {
    String upper = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    if (upper.equals("INFO")) {
      return ADVICE;
    }
    for (Severity s : values()) {
      if (s.name().equals(upper)) {
        return s;
      }
    }
    throw new IllegalArgumentException("severity must be ERROR, WARNING or ADVICE, got '" + text + "'");
  }

  /** Whether this is as severe as {@code threshold} or more. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }
}
