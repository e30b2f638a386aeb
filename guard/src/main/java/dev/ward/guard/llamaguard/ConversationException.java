package dev.ward.guard.llamaguard;

/** A conversation Llama Guard cannot classify as given: wrong roles, wrong order, empty. */
public final class ConversationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConversationException(String message) {
    super(message);
  }
}
