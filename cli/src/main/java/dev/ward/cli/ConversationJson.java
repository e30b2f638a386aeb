package dev.ward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guard.llamaguard.ConversationException;
import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.Message;
import dev.ward.guard.llamaguard.Role;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.taxonomy.HazardCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversations and verdicts as JSON: {@code [{"role", "content"}, ...]} in, verdicts out. */
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

  static Map<String, Object> verdict(Verdict verdict) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("safe", verdict.safe());
    json.put("unsafe_probability", verdict.unsafeProbability());
    json.put("threshold", verdict.threshold());
    List<Map<String, String>> categories = new ArrayList<>();
    for (HazardCategory c : verdict.categories()) {
      categories.add(Map.of("code", c.code().value(), "name", c.name()));
    }
    json.put("categories", categories);
    json.put("raw", verdict.raw());
    verdict.malformed().ifPresent(reason -> json.put("malformed", reason));
    json.put("model", verdict.model());
    json.put("format", verdict.format());
    json.put("latency_ms", verdict.latencyMillis());
    json.put("cached", verdict.cached());
    return json;
  }
}
