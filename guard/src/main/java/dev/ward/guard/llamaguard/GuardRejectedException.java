package dev.ward.guard.llamaguard;

/**
 * A classification that was not done: the queue was full, it took longer than the timeout, or
 * the guard was closed. Callers that must fail closed treat it as unsafe; a proxy answers 429 or
 * 503.
 */
public final class GuardRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the classification was not done. */
  public enum Reason {
    QUEUE_FULL,
    TIMEOUT,
    CLOSED
  }

  private final Reason reason;

  GuardRejectedException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
