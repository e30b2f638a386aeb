package dev.ward.guard.gguf;

/**
 * A model file that cannot be used: not GGUF, truncated, inconsistent, hostile, or missing what
 * the model needs. The message says what was expected and what was found, and where.
 */
public final class GgufException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GgufException(String message) {
    super(message, null, false, false);
  }

  public GgufException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
