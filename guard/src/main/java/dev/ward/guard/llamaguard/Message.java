package dev.ward.guard.llamaguard;

import java.util.Objects;

/** One turn of a conversation. */
public record Message(Role role, String content) {
  public Message {
    Objects.requireNonNull(role, "role");
    if (content == null) {
      throw new ConversationException("a " + role.id() + " message needs content");
    }
  }

  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }
}
