package dev.ward.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a completions server answered for a Llama Guard prompt: the text it generated and the
 * log-probabilities of the first generated position. Read from the shapes servers use:
 *
 * <ul>
 *   <li>vLLM and OpenAI's legacy completions: {@code choices[0].logprobs.top_logprobs[0]}, an
 *       object from token text to log-probability (vLLM may write tokens as {@code token_id:N});
 *   <li>llama.cpp's llama-server: {@code choices[0].logprobs.content[0].top_logprobs}, a list of
 *       {@code {id, token, logprob}}.
 * </ul>
 *
 * @param text the generated text
 * @param first log-probabilities at the first generated position, by token text or
 *     {@code #id}
 * @param promptTokens the server's count of prompt tokens, when it reports one
 */
record CompletionAnswer(String text, Map<String, Double> first, OptionalInt promptTokens) {

  static CompletionAnswer parse(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    if (choice.isMissingNode()) {
      throw new GuardException(Failure.Kind.ERROR, "the server's answer has no choices[0]");
    }
    String text = choice.path("text").asText("");
    JsonNode logprobs = choice.path("logprobs");
    Map<String, Double> first = new HashMap<>();
    JsonNode legacy = logprobs.path("top_logprobs").path(0);
    JsonNode content = logprobs.path("content").path(0).path("top_logprobs");
    if (legacy.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = legacy.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        put(first, tokenKey(entry.getKey()), entry.getValue());
      }
    } else if (content.isArray()) {
      for (JsonNode entry : content) {
        if (entry.has("id") && entry.get("id").canConvertToInt()) {
          put(first, "#" + entry.get("id").asInt(), entry.path("logprob"));
        }
        put(first, entry.path("token").asText(""), entry.path("logprob"));
      }
    } else {
      throw new GuardException(Failure.Kind.ERROR, "the server's answer carries no log-probabilities "
          + "(choices[0].logprobs); it must support 'logprobs' on /v1/completions");
    }
    JsonNode usage = body.path("usage").path("prompt_tokens");
    return new CompletionAnswer(text, first,
        usage.canConvertToInt() ? OptionalInt.of(usage.asInt()) : OptionalInt.empty());
  }

  private static String tokenKey(String token) {
    return token.startsWith("token_id:") ? "#" + token.substring("token_id:".length()) : token;
  }

  private static void put(Map<String, Double> first, String key, JsonNode logprob) {
    if (!logprob.isNumber()) {
      return;
    }
    double value = logprob.asDouble();
    if (Double.isNaN(value) || value > 1e-6) {
      throw new GuardException(Failure.Kind.ERROR, "the server sent an invalid log-probability "
          + logprob + " for token '" + key + "'");
    }
    first.merge(key, value, Math::max);
  }

  /**
   * The probability of a token at the first position, known by its text and id: found under
   * either (servers report one or both), or 0 when it is not among the top ones.
   */
  double probability(String tokenText, int id) {
    Double byId = first.get("#" + id);
    Double byText = first.get(tokenText);
    Double logprob = byId != null ? byId : byText;
    return logprob == null ? 0 : Math.exp(logprob);
  }
}
