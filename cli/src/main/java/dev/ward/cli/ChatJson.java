package dev.ward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guardrails.Chat;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chats in, decisions out, as JSON. A chat is an array of {@code {"role", "content"}} (or an
 * object with a {@code messages} array), roles {@code system}, {@code user}, {@code assistant}
 * and {@code tool}; content is a string or OpenAI-style parts ({@code {"type": "text", "text"}},
 * other parts seen as placeholders).
 */
final class ChatJson {
  private ChatJson() {}

  static Chat parse(JsonNode node, String where) {
    JsonNode messages = node != null && node.isObject() ? node.get("messages") : node;
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new UsageException(where + ": expected a conversation, a non-empty JSON array of "
          + "{\"role\", \"content\"} messages");
    }
    List<Chat.Message> list = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      list.add(message(messages.get(i), where + ": message " + (i + 1)));
    }
    return new Chat(list);
  }

  private static Chat.Message message(JsonNode m, String where) {
    JsonNode role = m.get("role");
    if (!m.isObject() || role == null || !role.isTextual()) {
      throw new UsageException(where + " needs a string \"role\" and a \"content\"");
    }
    String text = text(m.get("content"), where);
    return switch (role.asText().strip().toLowerCase(Locale.ROOT)) {
      case "system", "developer" -> Chat.system(text);
      case "user" -> Chat.user(text);
      case "assistant", "agent" -> Chat.assistant(text);
      case "tool" -> Chat.tool(m.path("name").asText(null), text);
      default -> throw new UsageException(where + ": role must be system, user, assistant or "
          + "tool; got '" + role.asText() + "'");
    };
  }

  private static String text(JsonNode content, String where) {
    if (content != null && content.isTextual()) {
      return content.asText();
    }
    if (content == null || !content.isArray()) {
      throw new UsageException(where + " needs a \"content\": a string or an array of parts");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      String type = part.path("type").asText("");
      text.append(type.equals("text") ? part.path("text").asText("") : "[" + type + "]");
    }
    return text.toString();
  }

  static Map<String, Object> decision(Decision decision) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("action", decision.action().id());
    json.put("reasons", decision.reasons());
    json.put("unsafe_probability", decision.unsafeProbability().isPresent()
        ? decision.unsafeProbability().getAsDouble() : null);
    List<Map<String, Object>> categories = new ArrayList<>();
    decision.categories().forEach(c -> {
      Map<String, Object> category = new LinkedHashMap<>();
      category.put("code", c.category().code().value());
      category.put("name", c.category().name());
      category.put("probability", c.probability());
      category.put("action", c.action().id());
      categories.add(category);
    });
    json.put("categories", categories);
    List<Map<String, Object>> failures = new ArrayList<>();
    for (Failure f : decision.failures()) {
      failures.add(Map.of("kind", f.kind().id(), "source", f.source(), "message", f.message()));
    }
    json.put("failures", failures);
    decision.verdict().ifPresent(v -> {
      json.put("raw", v.raw());
      json.put("model", v.model());
      json.put("format", v.format());
      json.put("cached", v.cached());
    });
    json.put("latency_ms", decision.latency().toMillis());
    return json;
  }
}
