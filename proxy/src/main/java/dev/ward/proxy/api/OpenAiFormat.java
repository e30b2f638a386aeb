package dev.ward.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * OpenAI's chat completions and legacy completions APIs (and every server that copies them:
 * vLLM, llama-server, Ollama...). Streams are {@code data:} events of chunks ending with
 * {@code data: [DONE]}; a stopped stream ends with a chunk whose {@code finish_reason} is
 * {@code content_filter}, then {@code [DONE]}.
 */
public abstract sealed class OpenAiFormat implements ApiFormat {
  private static final String DONE = "[DONE]";

  /** What the answer's {@code choices} hold of one choice's text. */
  abstract String choiceText(JsonNode choice);

  /** The streamed text one choice of a chunk adds. */
  abstract String deltaText(JsonNode choice, StreamState state);

  /** Clears a choice's content in a withheld answer. */
  abstract void withhold(ObjectNode choice);

  /** A final chunk's choice, stopped by the content filter. */
  abstract ObjectNode stoppedChoice(int index);

  /** The {@code object} field of stream chunks. */
  abstract String chunkObject();

  @Override
  public Optional<String> answer(JsonNode response) {
    if (!response.path("choices").isArray()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode choice : response.path("choices")) {
      String part = choiceText(choice);
      if (!part.isEmpty()) {
        text.append(text.isEmpty() ? "" : "\n\n").append(part);
      }
    }
    return Optional.of(text.toString());
  }

  @Override
  public Buffer withheld(JsonNode response) {
    ObjectNode copy = response.deepCopy();
    for (JsonNode choice : copy.path("choices")) {
      if (choice instanceof ObjectNode c) {
        withhold(c);
        c.put("finish_reason", "content_filter");
      }
    }
    return Json.buffer(copy);
  }

  @Override
  public Buffer error(String type, String code, String message, ObjectNode extra) {
    ObjectNode error = Json.object();
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    if (extra != null) {
      error.setAll(extra);
    }
    ObjectNode body = Json.object();
    body.set("error", error);
    return Json.buffer(body);
  }

  @Override
  public void injectKey(MultiMap headers, String key) {
    headers.set("Authorization", "Bearer " + key);
  }

  @Override
  public AnswerStream stream() {
    return new StreamState(this);
  }

  ApiRequest request(dev.ward.guardrails.Chat chat, JsonNode json) {
    boolean streamed = ApiRequest.streamed(json);
    for (String several : new String[] {"n", "best_of"}) {
      // Choices of one stream arrive interleaved; Ward checks one answer per stream.
      if (streamed && json.path(several).asInt(1) != 1) {
        throw new BadRequestException("'" + several + "' must be 1 in a streamed request through Ward "
            + "(it checks one answer per stream); ask for several answers without 'stream'");
      }
    }
    return new ApiRequest(this, json, json.path("model").asText(""), streamed, chat);
  }

  /** One OpenAI stream: the ids of its chunks and the choices seen, for the closing chunk. */
  static final class StreamState implements AnswerStream {
    private final OpenAiFormat format;
    private final TreeSet<Integer> choices = new TreeSet<>();
    private final java.util.Map<String, Boolean> toolCallsNamed = new java.util.HashMap<>();
    private JsonNode first;

    StreamState(OpenAiFormat format) {
      this.format = format;
    }

    @Override
    public String text(SseEvent event) {
      String data = event.data();
      if (data.isEmpty() || data.equals(DONE)) {
        return "";
      }
      JsonNode chunk = Json.parseOrNull(data);
      if (chunk == null || !chunk.isObject() || !chunk.path("choices").isArray()) {
        // Unreadable data, or a chunk of another shape, still reaches the client: the guard
        // reads it as it is rather than as an empty (clean) delta.
        return data;
      }
      if (first == null && chunk.has("choices")) {
        first = chunk;
      }
      StringBuilder text = new StringBuilder();
      for (JsonNode choice : chunk.path("choices")) {
        choices.add(choice.path("index").asInt(0));
        text.append(format.deltaText(choice, this));
      }
      return text.toString();
    }

    /**
     * The text a streamed tool call adds: its name once, then its argument fragments.
     *
     * @param key which call of which choice the fragment belongs to
     * @param function the fragment: {@code name} and {@code arguments}
     */
    String toolCall(String key, JsonNode function) {
      StringBuilder text = new StringBuilder();
      String name = function.path("name").asText("");
      if (!name.isEmpty() && toolCallsNamed.putIfAbsent(key, Boolean.TRUE) == null) {
        text.append('\n').append(Conversations.toolCall(name, ""));
      }
      return text.append(function.path("arguments").asText("")).toString();
    }

    @Override
    public void released(SseEvent event) {}

    @Override
    public Buffer blocked() {
      ObjectNode chunk = Json.object();
      chunk.put("id", first == null ? "ward-stopped" : first.path("id").asText("ward-stopped"));
      chunk.put("object", format.chunkObject());
      chunk.put("created", first == null ? System.currentTimeMillis() / 1000
          : first.path("created").asLong(System.currentTimeMillis() / 1000));
      chunk.put("model", first == null ? "" : first.path("model").asText(""));
      ArrayNode stopped = chunk.putArray("choices");
      for (Iterator<Integer> i = (choices.isEmpty() ? java.util.Set.of(0) : choices).iterator();
          i.hasNext(); ) {
        stopped.add(format.stoppedChoice(i.next()));
      }
      return Buffer.buffer("data: ").appendBuffer(Json.buffer(chunk))
          .appendString("\n\ndata: " + DONE + "\n\n", StandardCharsets.UTF_8.name());
    }

    @Override
    public Buffer failed(String message) {
      ObjectNode error = Json.object();
      error.put("message", message);
      error.put("type", "api_error");
      error.put("code", "upstream_error");
      ObjectNode body = Json.object();
      body.set("error", error);
      return Buffer.buffer("data: ").appendBuffer(Json.buffer(body)).appendString("\n\n");
    }
  }

  /** {@code POST /v1/chat/completions}. */
  static final class Chat extends OpenAiFormat {
    @Override
    public String id() {
      return "openai-chat";
    }

    @Override
    public String path() {
      return "/v1/chat/completions";
    }

    @Override
    public ApiRequest parse(Buffer body) {
      JsonNode json = Json.parseObject(body, "the request body");
      return request(Conversations.openAi(json), json);
    }

    /**
     * Fields of a message that hold no text a client shows: ids, types, the role, and the audio's
     * base64 {@code data} (its {@code transcript} is read).
     */
    private static final Set<String> METADATA = Set.of("role", "id", "type", "index", "data",
        "expires_at");

    /**
     * The message's text: content (a string or parts), refusal, tool and function calls as
     * {@code [tool call] name: arguments}, and every other string it carries (reasoning, audio
     * transcripts...), so that nothing a client may show goes unchecked.
     */
    @Override
    String choiceText(JsonNode choice) {
      StringBuilder text = new StringBuilder();
      for (Map.Entry<String, JsonNode> field : choice.path("message").properties()) {
        switch (field.getKey()) {
          case "tool_calls" -> {
            for (JsonNode call : field.getValue()) {
              Conversations.appendLine(text, Conversations.functionCall(call.path("function")));
            }
          }
          case "function_call" -> Conversations.appendLine(text,
              Conversations.functionCall(field.getValue()));
          default -> {
            if (!METADATA.contains(field.getKey())) {
              Json.appendStrings(field.getValue(), METADATA, "\n", text);
            }
          }
        }
      }
      return text.toString();
    }

    /** As {@link #choiceText}, for one chunk's delta: fragments join without separators. */
    @Override
    String deltaText(JsonNode choice, StreamState state) {
      StringBuilder text = new StringBuilder();
      int index = choice.path("index").asInt(0);
      for (Map.Entry<String, JsonNode> field : choice.path("delta").properties()) {
        switch (field.getKey()) {
          case "tool_calls" -> {
            for (JsonNode call : field.getValue()) {
              text.append(state.toolCall(index + ":" + call.path("index").asInt(0),
                  call.path("function")));
            }
          }
          case "function_call" -> text.append(state.toolCall(index + ":function_call",
              field.getValue()));
          default -> {
            if (!METADATA.contains(field.getKey())) {
              Json.appendStrings(field.getValue(), METADATA, "", text);
            }
          }
        }
      }
      return text.toString();
    }

    /** Keeps the role only: everything else a message holds is answer (logprobs too). */
    @Override
    void withhold(ObjectNode choice) {
      ObjectNode message = Json.object();
      message.put("role", "assistant");
      message.putNull("content");
      choice.set("message", message);
      if (choice.has("logprobs")) {
        choice.putNull("logprobs");
      }
    }

    @Override
    ObjectNode stoppedChoice(int index) {
      ObjectNode choice = Json.object();
      choice.put("index", index);
      choice.putObject("delta");
      choice.putNull("logprobs");
      choice.put("finish_reason", "content_filter");
      return choice;
    }

    @Override
    String chunkObject() {
      return "chat.completion.chunk";
    }
  }

  /** {@code POST /v1/completions}, the legacy text API. */
  static final class Completions extends OpenAiFormat {
    @Override
    public String id() {
      return "openai-completions";
    }

    @Override
    public String path() {
      return "/v1/completions";
    }

    @Override
    public ApiRequest parse(Buffer body) {
      JsonNode json = Json.parseObject(body, "the request body");
      return request(Conversations.completions(json), json);
    }

    @Override
    String choiceText(JsonNode choice) {
      return choice.path("text").asText("");
    }

    @Override
    String deltaText(JsonNode choice, StreamState state) {
      return choice.path("text").asText("");
    }

    @Override
    void withhold(ObjectNode choice) {
      choice.put("text", "");
      choice.putNull("logprobs");
    }

    @Override
    ObjectNode stoppedChoice(int index) {
      ObjectNode choice = Json.object();
      choice.put("index", index);
      choice.put("text", "");
      choice.putNull("logprobs");
      choice.put("finish_reason", "content_filter");
      return choice;
    }

    @Override
    String chunkObject() {
      return "text_completion";
    }
  }
}
