package dev.ward.cyberseceval.llm;

/**
 * A query that brought no answer: retries spent, a refused request, an unreadable reply; or, in
 * a guarded run, a request the Ward proxy {@linkplain #blocked() blocked}. No stack trace: the
 * message says it all.
 */
public final class LlmException extends Exception {
  private final boolean blocked;

  public LlmException(String message, boolean blocked) {
    super(message, null, false, false);
    this.blocked = blocked;
  }

  public LlmException(String message) {
    this(message, false);
  }

  /** Whether a guardrail in front of the model refused the exchange (a verdict, not an outage). */
  public boolean blocked() {
    return blocked;
  }
}
