package dev.ward.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guardrails.Chat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns each API's conversation into a {@link Chat}: what the guard sees of a request. Nothing
 * the model reads is left out silently: every part becomes text or a placeholder.
 *
 * <table>
 *   <caption>What the guard sees</caption>
 *   <tr><th>part</th><th>OpenAI chat</th><th>Anthropic messages</th></tr>
 *   <tr><td>system prompt</td><td>{@code system} and {@code developer} messages</td>
 *       <td>top-level {@code system} (string or text blocks)</td></tr>
 *   <tr><td>text</td><td>string content, {@code text} and {@code refusal} parts</td>
 *       <td>string content, {@code text} blocks</td></tr>
 *   <tr><td>images, audio, files</td><td>{@code [image]}, {@code [audio]}, {@code [file]}</td>
 *       <td>{@code [image]}; documents: title, context and the text of a text or content
 *       source, else {@code [document]}</td></tr>
 *   <tr><td>other parts</td><td colspan="2">every string in them (search results, types added
 *       later) but ids and encoded data; {@code [type]} when they hold none</td></tr>
 *   <tr><td>tool calls</td><td>{@code [tool call] name: arguments} (assistant text)</td>
 *       <td>{@code tool_use}: {@code [tool call] name: input} (assistant text)</td></tr>
 *   <tr><td>tool results</td><td>{@code tool}/{@code function} messages, named by the call</td>
 *       <td>{@code tool_result} blocks, named by the call</td></tr>
 *   <tr><td>thinking</td><td>n/a</td><td>not seen ({@code thinking} blocks are the model's own
 *       earlier reasoning, signed by the API)</td></tr>
 *   <tr><td>tool definitions</td><td colspan="2">not seen: they are the developer's, not the user's</td></tr>
 * </table>
 *
 * <p>Consecutive messages of one side are then merged by the guardrails library (see {@link Chat}).
 * Legacy completions: the {@code prompt} (a string, or strings joined by blank lines) and the
 * {@code suffix} are one user turn; prompts given as token ids cannot be read and are refused.
 */
final class Conversations {
  /** Fields of an unknown part that a model does not read as text. */
  private static final Set<String> UNREAD_FIELDS = Set.of("type", "id", "tool_use_id",
      "cache_control", "signature", "data", "media_type", "encrypted_content");

  private Conversations() {}

  static Chat openAi(JsonNode body) {
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) {
      throw new BadRequestException("'messages' must be an array");
    }
    Map<String, String> toolNames = new HashMap<>();
    List<Chat.Message> chat = new ArrayList<>();
    int index = 0;
    for (JsonNode message : messages) {
      String at = "messages[" + index++ + "]";
      if (!message.isObject()) {
        throw new BadRequestException(at + " must be an object");
      }
      String role = text(message.get("role"), at + ".role");
      String content = openAiContent(message.get("content"), at + ".content");
      switch (role) {
        case "system", "developer" -> chat.add(Chat.system(content));
        case "user" -> chat.add(Chat.user(content));
        case "assistant" -> chat.add(Chat.assistant(join(content, openAiToolCalls(message, toolNames))));
        case "tool" -> chat.add(Chat.tool(toolNames.getOrDefault(
            message.path("tool_call_id").asText(""), null), content));
        case "function" -> chat.add(Chat.tool(message.path("name").asText(null), content));
        default -> throw new BadRequestException(at + ".role: unknown role '" + role
            + "'; expected system, developer, user, assistant or tool");
      }
    }
    return new Chat(chat);
  }

  private static String openAiToolCalls(JsonNode message, Map<String, String> toolNames) {
    StringBuilder text = new StringBuilder();
    for (JsonNode call : message.path("tool_calls")) {
      toolNames.put(call.path("id").asText(""), call.path("function").path("name").asText(""));
      appendLine(text, functionCall(call.path("function")));
    }
    JsonNode legacy = message.get("function_call");
    if (legacy != null && legacy.isObject()) {
      appendLine(text, functionCall(legacy));
    }
    return text.toString();
  }

  private static String openAiContent(JsonNode content, String at) {
    return contentText(content, at, "parts", part -> {
      String type = part.path("type").asText("");
      return switch (type) {
        case "text" -> part.path("text").asText("");
        case "refusal" -> part.path("refusal").asText("");
        case "image_url", "image" -> "[image]";
        case "input_audio", "audio" -> "[audio]";
        case "file" -> "[file]";
        default -> unknownPart(part, type.isEmpty() ? "part" : type);
      };
    });
  }

  /**
   * Content given as a string, or as an array whose parts {@code partText} turns into lines (null
   * for a part that adds none).
   */
  private static String contentText(JsonNode content, String at, String parts,
      Function<JsonNode, String> partText) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw new BadRequestException(at + " must be a string or an array of " + parts);
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      String line = partText.apply(part);
      if (line != null) {
        appendLine(text, line);
      }
    }
    return text.toString();
  }

  static Chat anthropic(JsonNode body) {
    List<Chat.Message> chat = new ArrayList<>();
    JsonNode system = body.get("system");
    if (system != null && !system.isNull()) {
      chat.add(Chat.system(nestedText(system, "system", Map.of())));
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) {
      throw new BadRequestException("'messages' must be an array");
    }
    Map<String, String> toolNames = new HashMap<>();
    int index = 0;
    for (JsonNode message : messages) {
      String at = "messages[" + index++ + "]";
      if (!message.isObject()) {
        throw new BadRequestException(at + " must be an object");
      }
      String role = text(message.get("role"), at + ".role");
      List<Chat.Message> toolResults = new ArrayList<>();
      switch (role) {
        case "user" -> {
          String text = anthropicText(message.get("content"), at + ".content", toolResults, toolNames);
          chat.addAll(toolResults);
          if (!text.isEmpty() || toolResults.isEmpty()) {
            chat.add(Chat.user(text));
          }
        }
        case "assistant" -> {
          recordToolNames(message.get("content"), toolNames);
          chat.add(Chat.assistant(nestedText(message.get("content"), at + ".content",
              toolNames)));
        }
        default -> throw new BadRequestException(at + ".role: unknown role '" + role
            + "'; expected user or assistant");
      }
    }
    return new Chat(chat);
  }

  private static void recordToolNames(JsonNode content, Map<String, String> toolNames) {
    if (content != null && content.isArray()) {
      for (JsonNode block : content) {
        if ("tool_use".equals(block.path("type").asText())) {
          toolNames.put(block.path("id").asText(""), block.path("name").asText(""));
        }
      }
    }
  }

  /** The text of Anthropic content; {@code tool_result} blocks go to {@code toolResults}. */
  private static String anthropicText(JsonNode content, String at, List<Chat.Message> toolResults,
      Map<String, String> toolNames) {
    return contentText(content, at, "content blocks", block -> {
      String type = block.path("type").asText("");
      return switch (type) {
        case "text" -> block.path("text").asText("");
        case "image" -> "[image]";
        case "document" -> document(block, at);
        case "tool_use", "server_tool_use" -> toolCall(block.path("name").asText(""),
            block.path("input").toString());
        case "tool_result" -> {
          toolResults.add(Chat.tool(toolNames.get(block.path("tool_use_id").asText("")),
              nestedText(block.get("content"), at + ".content", toolNames)));
          yield null;
        }
        case "thinking", "redacted_thinking" -> null;
        default -> unknownPart(block, type.isEmpty() ? "block" : type);
      };
    });
  }

  /**
   * The text of Anthropic content where a {@code tool_result} block has no turn of its own (a
   * system prompt, an assistant turn, inside a document or another result): its text is kept in
   * line, so that nothing in it escapes the guard.
   */
  private static String nestedText(JsonNode content, String at, Map<String, String> toolNames) {
    List<Chat.Message> results = new ArrayList<>();
    StringBuilder text = new StringBuilder(anthropicText(content, at, results, toolNames));
    results.forEach(result -> appendLine(text, result.text()));
    return text.toString();
  }

  /** A document's text when it has one (a text or content source), else a placeholder. */
  private static String document(JsonNode block, String at) {
    StringBuilder text = new StringBuilder();
    for (String field : List.of("title", "context")) {
      appendLine(text, block.path(field).asText(""));
    }
    JsonNode source = block.path("source");
    switch (source.path("type").asText("")) {
      case "text" -> appendLine(text, source.path("data").asText(""));
      case "content" -> appendLine(text, nestedText(source.get("content"), at + ".source.content",
          Map.of()));
      default -> appendLine(text, "[document]");
    }
    return text.toString();
  }

  /**
   * A part or block of a type Ward has no rule for: every string in it (search results, types
   * added tomorrow) except ids and encoded data, since the model may read them; a placeholder
   * when it holds none.
   */
  private static String unknownPart(JsonNode part, String type) {
    StringBuilder text = new StringBuilder();
    Json.appendStrings(part, UNREAD_FIELDS, "\n", text);
    return text.isEmpty() ? "[" + type + "]" : text.toString();
  }

  static Chat completions(JsonNode body) {
    JsonNode suffix = body.get("suffix");
    if (suffix != null && !suffix.isNull() && !suffix.isTextual()) {
      throw new BadRequestException("'suffix' must be a string");
    }
    // The model reads the suffix too (text after the insertion point).
    String after = suffix == null || suffix.isNull() || suffix.asText().isEmpty() ? ""
        : "\n\n" + suffix.asText();
    return Chat.ofUser(prompt(body) + after);
  }

  private static String prompt(JsonNode body) {
    JsonNode prompt = body.get("prompt");
    if (prompt == null || prompt.isNull()) {
      throw new BadRequestException("'prompt' is required");
    }
    if (prompt.isTextual()) {
      return prompt.asText();
    }
    if (prompt.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode item : prompt) {
        if (!item.isTextual()) {
          throw new BadRequestException("'prompt' given as token ids cannot be checked; send text");
        }
        text.append(text.isEmpty() ? "" : "\n\n").append(item.asText());
      }
      return text.toString();
    }
    throw new BadRequestException("'prompt' must be a string or an array of strings");
  }

  static String toolCall(String name, String arguments) {
    return "[tool call] " + name + ": " + arguments;
  }

  /** An OpenAI {@code function} object ({@code name}, {@code arguments}) as a tool call. */
  static String functionCall(JsonNode function) {
    return toolCall(function.path("name").asText(""), function.path("arguments").asText(""));
  }

  private static String text(JsonNode node, String at) {
    if (node == null || !node.isTextual()) {
      throw new BadRequestException(at + " must be a string");
    }
    return node.asText();
  }

  private static String join(String content, String toolCalls) {
    return content.isEmpty() ? toolCalls : toolCalls.isEmpty() ? content : content + "\n" + toolCalls;
  }

  static void appendLine(StringBuilder text, String line) {
    if (!text.isEmpty()) {
      text.append('\n');
    }
    text.append(line);
  }
}
