package dev.ward.codeshield.syntax;

/** Input that could not be parsed within the limits: too large, too slow, too many nodes. */
public final class ParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the parse stopped. */
  public enum Reason { TOO_LARGE, TIMEOUT, TOO_MANY_NODES }

  private final Reason reason;

  public ParseException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
