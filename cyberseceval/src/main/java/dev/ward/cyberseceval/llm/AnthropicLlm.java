package dev.ward.cyberseceval.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** Anthropic's messages API: the system prompt in its own field, text blocks joined. */
final class AnthropicLlm extends HttpLlm {
  private final URI endpoint;
  private final String model;
  private final String apiKey;
  private final int maxTokens;

  AnthropicLlm(String name, String model, String apiKey, URI baseUrl, int maxTokens,
      HttpClient http, Backoff backoff, boolean behindProxy) {
    super(name, http, backoff, behindProxy);
    this.endpoint = endpoint(baseUrl, "/messages");
    this.model = model;
    this.apiKey = apiKey;
    this.maxTokens = maxTokens;
  }

  @Override
  JsonNode body(Query query) {
    ObjectNode body = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens);
    if (query.system() != null) {
      body.put("system", query.system());
    }
    body.putArray("messages").addObject().put("role", "user").put("content", query.user());
    return body;
  }

  @Override
  HttpRequest.Builder request() {
    return HttpRequest.newBuilder(endpoint).header("x-api-key", apiKey)
        .header("anthropic-version", "2023-06-01");
  }

  @Override
  String answer(JsonNode body) throws LlmException {
    JsonNode content = body.path("content");
    if (!content.isArray()) {
      throw new LlmException(name() + ": the answer has no content list");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText());
      }
    }
    return text.toString();
  }
}
