package dev.ward.modelserver;

import dev.ward.guard.sampling.SamplingParams;
import dev.ward.guard.tokenizer.Tokenizer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads the fields of OpenAI-style request bodies into engine terms, with vLLM's defaults and a
 * {@link BadRequest} naming the field for anything out of range or of the wrong type.
 */
final class RequestReader {
  private static final int MAX_STOP_STRINGS = 16;
  private static final int MAX_TOP_LOGPROBS = 20;

  private final JsonObject body;

  RequestReader(JsonObject body) {
    this.body = body;
  }

  SamplingParams sampling() {
    double temperature = number("temperature", 1.0, 0, 2);
    double topP = number("top_p", 1.0, 0, 1);
    if (topP == 0) {
      throw new BadRequest("top_p", "top_p must be within (0, 1]; got 0");
    }
    int topK = integer("top_k", 0, -1, Integer.MAX_VALUE);
    long seed = body.getValue("seed") == null ? ThreadLocalRandom.current().nextLong()
        : integer("seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    return new SamplingParams(temperature, Math.max(topK, 0), topP, seed);
  }

  /** {@code max_tokens} (or {@code max_completion_tokens}), defaulting to what the context allows. */
  int maxTokens(int promptTokens, int contextLength, int defaultMax) {
    int room = contextLength - promptTokens;
    if (room < 1) {
      throw new BadRequest("messages", "the prompt has " + promptTokens + " tokens; this model's "
          + "context is " + contextLength + " tokens");
    }
    String field = body.getValue("max_completion_tokens") != null ? "max_completion_tokens"
        : "max_tokens";
    if (body.getValue(field) == null) {
      return Math.min(room, defaultMax);
    }
    int max = integer(field, 0, 1, Integer.MAX_VALUE);
    if (max > room) {
      throw new BadRequest(field, "this model's maximum context length is " + contextLength
          + " tokens; the prompt has " + promptTokens + " and " + field + " asks for " + max);
    }
    return max;
  }

  List<String> stop() {
    Object stop = body.getValue("stop");
    if (stop == null) {
      return List.of();
    }
    if (stop instanceof String s) {
      return s.isEmpty() ? List.of() : List.of(s);
    }
    if (stop instanceof JsonArray array && array.size() <= MAX_STOP_STRINGS) {
      List<String> out = new ArrayList<>();
      for (Object item : array) {
        if (!(item instanceof String s)) {
          throw new BadRequest("stop", "stop must be a string or a list of strings");
        }
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }
    throw new BadRequest("stop", "stop must be a string or a list of at most " + MAX_STOP_STRINGS
        + " strings");
  }

  boolean stream() {
    return bool("stream");
  }

  boolean includeUsageInStream() {
    Object options = body.getValue("stream_options");
    return options instanceof JsonObject o && Boolean.TRUE.equals(o.getValue("include_usage"));
  }

  void requireSingleChoice() {
    if (body.getValue("n") != null && integer("n", 1, 1, 1) != 1) {
      throw new BadRequest("n", "only n = 1 is supported");
    }
    if (bool("echo")) {
      throw new BadRequest("echo", "echo is not supported");
    }
  }

  /** Completions' {@code logprobs}: how many alternatives per token, -1 when not asked for. */
  int completionLogprobs() {
    return body.getValue("logprobs") == null ? -1 : integer("logprobs", 0, 0, MAX_TOP_LOGPROBS);
  }

  /** Chat's {@code logprobs: true} with {@code top_logprobs: N}; -1 when not asked for. */
  int chatLogprobs() {
    if (!bool("logprobs")) {
      return -1;
    }
    return body.getValue("top_logprobs") == null ? 0
        : integer("top_logprobs", 0, 0, MAX_TOP_LOGPROBS);
  }

  /**
   * Completions' {@code prompt}: text, whose control-token spellings are parsed as llama.cpp and
   * vLLM do, with BOS added unless it is there; or token ids, used exactly as given. A list of
   * one prompt is accepted; batches are not.
   */
  int[] prompt(Tokenizer tokenizer) {
    Object prompt = body.getValue("prompt");
    if (prompt instanceof JsonArray array && array.size() == 1
        && (array.getValue(0) instanceof String || array.getValue(0) instanceof JsonArray)) {
      prompt = array.getValue(0);
    }
    if (prompt instanceof String text) {
      int[] ids = tokenizer.encode(text, true);
      if (ids.length > 0 && ids[0] == tokenizer.bos()) {
        return ids;
      }
      int[] withBos = new int[ids.length + 1];
      withBos[0] = tokenizer.bos();
      System.arraycopy(ids, 0, withBos, 1, ids.length);
      return withBos;
    }
    if (prompt instanceof JsonArray array && !array.isEmpty()) {
      int[] ids = new int[array.size()];
      for (int i = 0; i < ids.length; i++) {
        if (!(array.getValue(i) instanceof Number n) || n.longValue() != n.doubleValue()
            || n.longValue() < 0 || n.longValue() >= tokenizer.vocabularySize()) {
          throw new BadRequest("prompt", "prompt[" + i + "] is not a token id within 0.."
              + (tokenizer.vocabularySize() - 1) + ": " + array.getValue(i));
        }
        ids[i] = n.intValue();
      }
      return ids;
    }
    throw new BadRequest("prompt", "prompt must be a string or a non-empty list of token ids "
        + "(one prompt per request)");
  }

  /** Chat's {@code messages}: roles and text (text parts of a content list are joined). */
  List<ChatTemplate.ChatMessage> messages() {
    if (!(body.getValue("messages") instanceof JsonArray array) || array.isEmpty()) {
      throw new BadRequest("messages", "messages must be a non-empty list");
    }
    List<ChatTemplate.ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject m)) {
        throw new BadRequest("messages", "messages[" + i + "] must be an object");
      }
      if (!(m.getValue("role") instanceof String role) || !ChatTemplate.ROLES.contains(role)) {
        throw new BadRequest("messages", "messages[" + i + "].role must be one of "
            + ChatTemplate.ROLES + "; got " + m.getValue("role"));
      }
      out.add(new ChatTemplate.ChatMessage(role, content(m.getValue("content"), i)));
    }
    return out;
  }

  private static String content(Object content, int index) {
    if (content == null) {
      return "";
    }
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof JsonArray parts) {
      StringBuilder text = new StringBuilder();
      for (Object part : parts) {
        if (!(part instanceof JsonObject p) || !"text".equals(p.getValue("type"))
            || !(p.getValue("text") instanceof String t)) {
          throw new BadRequest("messages", "messages[" + index + "].content: only text parts are "
              + "supported");
        }
        text.append(t);
      }
      return text.toString();
    }
    throw new BadRequest("messages", "messages[" + index + "].content must be a string or a list "
        + "of text parts");
  }

  private double number(String field, double fallback, double min, double max) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
      throw new BadRequest(field, field + " must be a number within [" + min + ", " + max
          + "]; got " + value);
    }
    return n.doubleValue();
  }

  private int integer(String field, int fallback, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min || n.doubleValue() > max) {
      throw new BadRequest(field, field + " must be an integer within [" + min + ", " + max
          + "]; got " + value);
    }
    return n.intValue();
  }

  private boolean bool(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw new BadRequest(field, field + " must be true or false; got " + value);
    }
    return b;
  }
}
