package dev.ward.guard.llamaguard;

import java.util.Locale;

/** Who wrote a message: the user, or the assistant (Llama Guard calls it the Agent). */
public enum Role {
  USER("user", "User"),
  ASSISTANT("assistant", "Agent");

  private final String id;
  private final String promptName;

  Role(String id, String promptName) {
    this.id = id;
    this.promptName = promptName;
  }

  /** The role as chat APIs write it: {@code user} or {@code assistant}. */
  public static Role parse(String text) {
    String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "user" -> USER;
      case "assistant", "agent" -> ASSISTANT;
      default -> throw new ConversationException("role must be 'user' or 'assistant'; got '"
          + text + "'" + (key.equals("system") ? " (drop system messages before classifying)" : ""));
    };
  }

  public String id() {
    return id;
  }

  /** The name in a Llama Guard prompt: {@code User} or {@code Agent}. */
  String promptName() {
    return promptName;
  }
}
