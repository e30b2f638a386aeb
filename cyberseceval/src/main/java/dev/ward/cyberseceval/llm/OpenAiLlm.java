package dev.ward.cyberseceval.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * The OpenAI chat completions API, which OpenAI, Together, vLLM, llama-server and
 * {@code ward serve-model} all speak. Sampling as CyberSecEval's runner: temperature 0.6,
 * top_p 0.9; OpenAI's reasoning models take neither, only a completion-token limit.
 */
final class OpenAiLlm extends HttpLlm {
  private static final String JSON_INSTRUCTION =
      "Answer with a single JSON object and nothing else: no prose, no code fences.";

  private final URI endpoint;
  private final String model;
  private final String apiKey;
  private final int maxTokens;
  private final boolean jsonMode;

  OpenAiLlm(String name, String model, String apiKey, URI baseUrl, int maxTokens, boolean jsonMode,
      HttpClient http, Backoff backoff, boolean behindProxy) {
    super(name, http, backoff, behindProxy);
    this.endpoint = endpoint(baseUrl, "/chat/completions");
    this.model = model;
    this.apiKey = apiKey;
    this.maxTokens = maxTokens;
    this.jsonMode = jsonMode;
  }

  @Override
  JsonNode body(Query query) {
    ObjectNode body = JSON.createObjectNode().put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (query.jsonAnswer() && jsonMode) {
      messages.addObject().put("role", "system").put("content", JSON_INSTRUCTION);
    }
    if (query.system() != null) {
      messages.addObject().put("role", "system").put("content", query.system());
    }
    messages.addObject().put("role", "user").put("content", query.user());
    if (reasoningModel()) {
      body.put("max_completion_tokens", maxTokens);
    } else {
      body.put("temperature", 0.6).put("top_p", 0.9).put("max_tokens", maxTokens);
    }
    if (query.jsonAnswer()) {
      body.putObject("response_format").put("type", "json_object");
    }
    return body;
  }

  private boolean reasoningModel() {
    return model.matches("(?i)^(o1|o3|o4-mini|gpt-5)([-.].*)?$");
  }

  @Override
  HttpRequest.Builder request() {
    return HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + apiKey);
  }

  @Override
  String answer(JsonNode body) throws LlmException {
    JsonNode content = body.path("choices").path(0).path("message").path("content");
    if (content.isNull() || content.isMissingNode()) {
      throw new LlmException(name() + ": the answer has no choices[0].message.content");
    }
    return content.asText();
  }
}
