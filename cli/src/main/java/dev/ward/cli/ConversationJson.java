package dev.ward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guard.llamaguard.ConversationException;
import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.Message;
import dev.ward.guard.llamaguard.Role;
import java.util.ArrayList;
import java.util.List;

/** Llama Guard conversations as JSON: {@code [{"role", "content"}, ...]}, user and assistant turns. */
final class ConversationJson {
  private ConversationJson() {}

  /** An array of messages, or an object with a {@code messages} array. */
  static Conversation parse(JsonNode node, String where) {
    JsonNode messages = node != null && node.isObject() ? node.get("messages") : node;
    if (messages == null || !messages.isArray()) {
      throw new UsageException(where + ": expected a conversation, a JSON array of "
          + "{\"role\", \"content\"} messages");
    }
    List<Message> list = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (!m.isObject() || role == null || !role.isTextual() || content == null
          || !content.isTextual()) {
        throw new UsageException(where + ": message " + (i + 1)
            + " needs a string \"role\" and a string \"content\"");
      }
      try {
        list.add(new Message(Role.parse(role.asText()), content.asText()));
      } catch (ConversationException e) {
        throw new UsageException(where + ": message " + (i + 1) + ": " + e.getMessage());
      }
    }
    try {
      return new Conversation(list);
    } catch (ConversationException e) {
      throw new UsageException(where + ": " + e.getMessage());
    }
  }
}
