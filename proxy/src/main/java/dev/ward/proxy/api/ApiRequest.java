package dev.ward.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guardrails.Chat;
import java.util.Objects;

/**
 * A request to an LLM API as Ward reads it.
 *
 * @param format the API it follows
 * @param json the body as parsed (the upstream receives the original bytes, not this)
 * @param model the {@code model} field, or empty
 * @param stream whether the client asked for server-sent events
 * @param chat what the conversation says, for the guard (see {@link Conversations})
 */
public record ApiRequest(ApiFormat format, JsonNode json, String model, boolean stream, Chat chat) {
  public ApiRequest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(chat, "chat");
  }

  /** The request body's {@code stream} flag: a boolean, or absent (false). */
  static boolean streamed(JsonNode json) {
    JsonNode stream = json.get("stream");
    if (stream != null && !stream.isBoolean() && !stream.isNull()) {
      throw new BadRequestException("'stream' must be a boolean");
    }
    return stream != null && stream.asBoolean();
  }
}
