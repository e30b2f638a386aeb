package dev.ward.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;

/**
 * An LLM API Ward understands: how to read its requests and answers, and how to write its errors,
 * withheld answers and stream endings. One instance per API, stateless and shared.
 */
public sealed interface ApiFormat permits OpenAiFormat, AnthropicMessages {
  OpenAiFormat OPENAI_CHAT = new OpenAiFormat.Chat();
  OpenAiFormat OPENAI_COMPLETIONS = new OpenAiFormat.Completions();
  AnthropicMessages ANTHROPIC_MESSAGES = new AnthropicMessages();

  /** Every format Ward guards. */
  List<ApiFormat> ALL = List.of(OPENAI_CHAT, OPENAI_COMPLETIONS, ANTHROPIC_MESSAGES);

  /** The format whose endpoint is {@code path}. */
  static Optional<ApiFormat> forPath(String path) {
    for (ApiFormat format : ALL) {
      if (format.path().equals(path)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** A short name for logs and metrics: {@code openai-chat}, {@code openai-completions}, {@code anthropic}. */
  String id();

  /** The endpoint path, e.g. {@code /v1/chat/completions}. */
  String path();

  /** Reads a request body; a body that is not this API's shape is a {@link BadRequestException}. */
  ApiRequest parse(Buffer body);

  /**
   * The answer text of a complete (non-streamed) response, for the output check; empty when the
   * response does not hold an answer in this API's shape (no {@code choices}, no {@code content}),
   * which Ward cannot check and does not pass.
   */
  Optional<String> answer(JsonNode response);

  /** The response with its content withheld, marked as stopped by a content filter. */
  Buffer withheld(JsonNode response);

  /** A state for one streamed answer. */
  AnswerStream stream();

  /**
   * An error body in this API's shape.
   *
   * @param type the error type ({@code invalid_request_error}, {@code api_error}...)
   * @param code a machine-readable code ({@code content_filter}...), or null
   * @param extra fields added to the error object (e.g. {@code categories}), or null
   */
  Buffer error(String type, String code, String message, ObjectNode extra);

  /** Puts a configured API key where this API expects it. */
  void injectKey(MultiMap headers, String key);
}
