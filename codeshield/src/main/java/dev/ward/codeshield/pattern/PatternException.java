package dev.ward.codeshield.pattern;

/** A pattern that cannot be compiled; the message says what and where, for rule authors. */
public final class PatternException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PatternException(String message) {
    super(message, null, false, false);
  }
}
