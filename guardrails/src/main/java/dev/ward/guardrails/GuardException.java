package dev.ward.guardrails;

import java.util.Objects;

/**
 * A guard could not classify: its kind says why (a full queue, a dead server, a model that does
 * not answer in the Llama Guard format). A value-like exception without a stack trace: it is an
 * expected outcome that {@link Guardrails} turns into a {@link Failure}.
 */
public final class GuardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Failure.Kind kind;

  public GuardException(Failure.Kind kind, String message) {
    super(message, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Failure.Kind kind() {
    return kind;
  }
}
