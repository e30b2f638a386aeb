package dev.ward.proxy.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.guardrails.CategoryScore;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Failure;
import dev.ward.proxy.api.ApiFormat;
import dev.ward.proxy.api.Json;

/**
 * Ward's own answers, in the client's API format: a blocked prompt (400 {@code content_filter}
 * with its categories), a check that could not run (503, or 429 with {@code Retry-After} when the
 * guard is at capacity), upstream failures (502, 504).
 */
public final class Refusals {
  private Refusals() {}

  /** The answer to a prompt the policy blocked. */
  public static Reply blockedInput(ApiFormat format, Decision decision, int retryAfterSeconds) {
    if (failureOnly(decision)) {
      boolean overloaded = decision.failures().stream()
          .allMatch(f -> f.kind() == Failure.Kind.OVERLOADED);
      if (overloaded) {
        return overloaded(format, retryAfterSeconds);
      }
      if (decision.failures().stream().allMatch(f -> f.kind() == Failure.Kind.TOO_LARGE)) {
        // The client's to fix, not a 5xx its SDK would retry (each retry costs a guard pass).
        return Reply.json(413, format.error("invalid_request_error", "prompt_too_large",
            "the prompt is larger than the guard can check and the policy fails closed: "
                + decision.failures().getFirst().message(), null));
      }
      return Reply.json(503, format.error("api_error", "guard_unavailable",
          "the prompt could not be checked and the policy fails closed: "
              + decision.failures().getFirst().message(), null));
    }
    ObjectNode extra = Json.object();
    ArrayNode categories = extra.putArray("categories");
    for (CategoryScore score : decision.categories()) {
      if (score.action() == decision.action()) {
        ObjectNode category = categories.addObject();
        category.put("code", score.category().code().toString());
        category.put("name", score.category().name());
      }
    }
    String what = categories.isEmpty() ? "it was judged unsafe"
        : "it falls under " + String.join(", ", decision.categories().stream()
            .filter(s -> s.action() == decision.action())
            .map(s -> s.category().code() + " " + s.category().name()).distinct().toList());
    return Reply.json(400, format.error("invalid_request_error", "content_filter",
        "The prompt was blocked by Ward's content policy: " + what + ".", extra));
  }

  /** Too many checks at once: try again shortly. */
  public static Reply overloaded(ApiFormat format, int retryAfterSeconds) {
    return Reply.json(429, format.error("rate_limit_error", "guard_overloaded",
        "Ward's guard is at capacity; retry after " + retryAfterSeconds + " s", null))
        .withHeader("retry-after", Integer.toString(retryAfterSeconds));
  }

  public static Reply error(ApiFormat format, int status, String type, String code, String message) {
    return Reply.json(status, format.error(type, code, message, null));
  }

  /** Whether only failed checks (no category, no finding) called for the decision's action. */
  static boolean failureOnly(Decision decision) {
    return !decision.failures().isEmpty() && decision.categories().isEmpty()
        && decision.findings().isEmpty()
        && decision.reasons().size() == decision.failures().size();
  }
}
