package dev.ward.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic's messages API, {@code POST /v1/messages}. Streams are named events
 * ({@code message_start}, {@code content_block_start}, {@code content_block_delta},
 * {@code content_block_stop}, {@code message_delta}, {@code message_stop}). A stopped answer
 * carries {@code stop_reason: "refusal"}, the reason Anthropic's own API gives when a safety
 * classifier stops a message; a stopped stream closes its open content blocks, then sends that
 * stop reason and {@code message_stop}.
 */
public final class AnthropicMessages implements ApiFormat {
  static final String STOP_REASON = "refusal";
  /** Fields that hold no text a client shows: ids, types, signatures, encrypted data. */
  private static final Set<String> METADATA = Set.of("type", "id", "index", "tool_use_id",
      "signature", "data", "encrypted_content", "encrypted_index", "cache_control");

  AnthropicMessages() {}

  @Override
  public String id() {
    return "anthropic";
  }

  @Override
  public String path() {
    return "/v1/messages";
  }

  @Override
  public ApiRequest parse(Buffer body) {
    JsonNode json = Json.parseObject(body, "the request body");
    return new ApiRequest(this, json, json.path("model").asText(""), ApiRequest.streamed(json),
        Conversations.anthropic(json));
  }

  @Override
  public Optional<String> answer(JsonNode response) {
    if (!response.path("content").isArray()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : response.path("content")) {
      String part = block(block, false);
      if (!part.isEmpty()) {
        Conversations.appendLine(text, part);
      }
    }
    return Optional.of(text.toString());
  }

  /**
   * The text of one content block: text, thinking, tool calls as {@code [tool call] name: input},
   * and for any other type every string it carries (search results, blocks added to the API
   * later), so that nothing a client may show goes unchecked. Redacted thinking is encrypted: no
   * client can read it either.
   *
   * @param started a block just opened in a stream: a tool call starts a line of the answer so
   *     far, and its input follows in fragments, so an empty one is left out
   */
  private static String block(JsonNode block, boolean started) {
    return switch (block.path("type").asText("")) {
      case "text" -> block.path("text").asText("");
      case "thinking" -> block.path("thinking").asText("");
      case "redacted_thinking" -> "";
      case "tool_use", "server_tool_use", "mcp_tool_use" -> {
        JsonNode input = block.path("input");
        String call = Conversations.toolCall(block.path("name").asText(""),
            started && (input.isMissingNode() || input.isEmpty()) ? "" : input.toString());
        yield started ? "\n" + call : call;
      }
      default -> strings(block, "\n");
    };
  }

  private static String strings(JsonNode node, String separator) {
    StringBuilder text = new StringBuilder();
    Json.appendStrings(node, METADATA, separator, text);
    return text.toString();
  }

  @Override
  public Buffer withheld(JsonNode response) {
    ObjectNode copy = response.deepCopy();
    copy.putArray("content");
    copy.put("stop_reason", STOP_REASON);
    copy.putNull("stop_sequence");
    return Json.buffer(copy);
  }

  @Override
  public AnswerStream stream() {
    return new Stream();
  }

  @Override
  public Buffer error(String type, String code, String message, ObjectNode extra) {
    ObjectNode error = Json.object();
    error.put("type", type);
    error.put("message", message);
    if (code != null) {
      error.put("code", code);
    }
    if (extra != null) {
      error.setAll(extra);
    }
    ObjectNode body = Json.object();
    body.put("type", "error");
    body.set("error", error);
    return Json.buffer(body);
  }

  @Override
  public void injectKey(MultiMap headers, String key) {
    headers.set("x-api-key", key);
  }

  private static Buffer event(String name, JsonNode data) {
    return Buffer.buffer("event: " + name + "\ndata: ").appendBuffer(Json.buffer(data))
        .appendString("\n\n");
  }

  /** One Anthropic stream: which of its structure the client has, to close it properly. */
  private static final class Stream implements AnswerStream {
    private final Set<Integer> openBlocks = new LinkedHashSet<>();
    private JsonNode messageStart;
    private boolean startReleased;

    @Override
    public String text(SseEvent event) {
      JsonNode data = Json.parseOrNull(event.data());
      if (data == null || !data.isObject()) {
        return event.data().isEmpty() ? "" : event.data();
      }
      return switch (data.path("type").asText(event.event())) {
        case "message_start" -> {
          messageStart = data;
          // A start without content, as usual, has no text yet; one that has some is read,
          // and content of another shape than a list of blocks is read as the strings it holds.
          JsonNode message = data.path("message");
          yield ANTHROPIC_MESSAGES.answer(message)
              .orElseGet(() -> strings(message.path("content"), "\n"));
        }
        case "content_block_start" -> block(data.path("content_block"), true);
        case "content_block_delta" -> {
          JsonNode delta = data.path("delta");
          yield switch (delta.path("type").asText("")) {
            case "text_delta" -> delta.path("text").asText("");
            case "input_json_delta" -> delta.path("partial_json").asText("");
            case "thinking_delta" -> delta.path("thinking").asText("");
            case "signature_delta" -> "";
            default -> strings(delta, "");
          };
        }
        // Events that end things or keep the connection alive carry no answer text.
        case "content_block_stop", "message_delta", "message_stop", "ping", "error" -> "";
        default -> strings(data, "");
      };
    }

    @Override
    public void released(SseEvent event) {
      JsonNode data = Json.parseOrNull(event.data());
      if (data == null) {
        return;
      }
      switch (data.path("type").asText("")) {
        case "message_start" -> startReleased = true;
        case "content_block_start" -> openBlocks.add(data.path("index").asInt(0));
        case "content_block_stop" -> openBlocks.remove(data.path("index").asInt(0));
        default -> { }
      }
    }

    @Override
    public Buffer blocked() {
      Buffer out = Buffer.buffer();
      if (!startReleased) {
        ObjectNode start = messageStart != null ? messageStart.deepCopy() : syntheticStart();
        if (start.get("message") instanceof ObjectNode message) {
          message.putArray("content");
        }
        out.appendBuffer(event("message_start", start));
      }
      for (int index : openBlocks) {
        ObjectNode stop = Json.object();
        stop.put("type", "content_block_stop");
        stop.put("index", index);
        out.appendBuffer(event("content_block_stop", stop));
      }
      openBlocks.clear();
      ObjectNode delta = Json.object();
      delta.put("type", "message_delta");
      ObjectNode reason = delta.putObject("delta");
      reason.put("stop_reason", STOP_REASON);
      reason.putNull("stop_sequence");
      delta.putObject("usage").put("output_tokens", 0);
      out.appendBuffer(event("message_delta", delta));
      ObjectNode stop = Json.object();
      stop.put("type", "message_stop");
      return out.appendBuffer(event("message_stop", stop));
    }

    private static ObjectNode syntheticStart() {
      ObjectNode start = Json.object();
      start.put("type", "message_start");
      ObjectNode message = start.putObject("message");
      message.put("id", "ward-stopped");
      message.put("type", "message");
      message.put("role", "assistant");
      message.putArray("content");
      message.putNull("stop_reason");
      message.putNull("stop_sequence");
      return start;
    }

    @Override
    public Buffer failed(String message) {
      ObjectNode error = Json.object();
      error.put("type", "error");
      ObjectNode detail = error.putObject("error");
      detail.put("type", "api_error");
      detail.put("message", message);
      return event("error", error);
    }
  }
}
