package dev.ward.guardrails;

import java.util.Locale;
import java.util.Objects;

/**
 * A check that could not be done, and why. It is never read as "safe": the policy maps its kind
 * to an action (fail closed: block; fail open: warn or log, never a silent allow).
 *
 * @param kind what went wrong
 * @param source which part failed: {@code guard} or {@code codeshield}
 * @param message a reason a person can act on
 */
public record Failure(Kind kind, String source, String message) {
  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  /** What kept a check from giving an answer. */
  public enum Kind {
    /** The deadline passed before the check finished; its work was cancelled. */
    TIMEOUT,
    /** The guard's queue or concurrency limit was full. */
    OVERLOADED,
    /** The backend is closed, down or unreachable. */
    UNAVAILABLE,
    /** The input is larger than the check accepts (e.g. beyond the model's context). */
    TOO_LARGE,
    /** The guard model did not answer in the Llama Guard format. */
    MALFORMED,
    /** Code Shield could not scan all of the code (size, parse or time limits, bad input). */
    INCOMPLETE_SCAN,
    /** Anything else: a broken model file, a protocol error. */
    ERROR;

    /** The kind as policy files write it: {@code timeout}, {@code incomplete_scan}... */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind parse(String text) {
      String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      for (Kind kind : values()) {
        if (kind.name().equals(key)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown failure kind '" + text + "'; expected one of "
          + java.util.Arrays.stream(values()).map(Kind::id).toList());
    }
  }
}
