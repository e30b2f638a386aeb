package dev.ward.proxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.codeshield.lang.Language;
import dev.ward.guardrails.Chat;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Failure;
import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.guardrails.Guardrails;
import dev.ward.proxy.api.ApiFormat;
import dev.ward.proxy.api.BadRequestException;
import dev.ward.proxy.api.Json;
import dev.ward.proxy.pipeline.CheckObserver;
import dev.ward.proxy.pipeline.CheckPermits;
import dev.ward.proxy.pipeline.Checks;
import dev.ward.proxy.pipeline.Exchange;
import dev.ward.proxy.pipeline.Refusals;
import dev.ward.proxy.pipeline.Reply;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ward's own endpoints, under the default policy: {@code POST /v1/moderations} (OpenAI's
 * moderation shape), {@code POST /v1/guard/classify} (a decision on a conversation or an answer)
 * and {@code POST /v1/codeshield/scan} (Code Shield on code or Markdown). A check that could not
 * run is never answered as clean: when the guard gave no score the moderation endpoint answers
 * 503 (429 at capacity); otherwise failures are listed beside the result ({@code ward.failures}).
 */
final class Endpoints {
  static final String MODERATIONS = "/v1/moderations";
  static final String CLASSIFY = "/v1/guard/classify";
  static final String SCAN = "/v1/codeshield/scan";
  private static final int MAX_MODERATION_INPUTS = 32;

  private final Guardrails rails;
  private final Guardrails codeOnly;
  private final Checks guardChecks;
  private final Checks codeChecks;
  private final int retryAfterSeconds;

  Endpoints(Guardrails shared, CheckPermits permits, CheckObserver observer, int retryAfterSeconds) {
    this.rails = shared;
    this.codeOnly = shared == null || shared.codeShield().isEmpty() ? null
        : shared.withPolicy(shared.policy().toBuilder()
            .checks(new GuardrailPolicy.Checks(false, false, true)).build());
    this.guardChecks = new Checks(permits, observer, "guard");
    this.codeChecks = new Checks(permits, observer, "codeshield");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static boolean handles(String path) {
    return path.equals(MODERATIONS) || path.equals(CLASSIFY) || path.equals(SCAN);
  }

  Future<Reply> handle(String path, JsonNode body, Exchange exchange) {
    return switch (path) {
      case MODERATIONS -> moderations(body, exchange);
      case CLASSIFY -> classify(body, exchange);
      case SCAN -> scan(body, exchange);
      default -> throw new IllegalArgumentException(path);
    };
  }

  private Future<Reply> moderations(JsonNode body, Exchange exchange) {
    if (rails == null || rails.guard().isEmpty()) {
      return unavailable("no guard model is configured (guard.model or guard.remote)");
    }
    List<String> inputs = moderationInputs(body.get("input"));
    if (!guardChecks.permits().tryAcquire()) {
      guardChecks.observer().rejected(exchange.route());
      return Future.succeededFuture(Refusals.overloaded(ApiFormat.OPENAI_CHAT, retryAfterSeconds));
    }
    List<Future<Decision>> decisions = new ArrayList<>();
    // The request's first input takes the permit just won; the others wait their turn.
    Future<Decision> previous = null;
    for (String input : inputs) {
      Chat chat = Chat.ofUser(input);
      Future<Decision> next = previous == null
          ? guardChecks.run(exchange, "endpoint", () -> rails.checkInputAsync(chat))
          : previous.compose(d -> d.failures().isEmpty()
              ? guardChecks.runWhenFree(exchange, "endpoint", () -> rails.checkInputAsync(chat))
              : Future.succeededFuture(d));
      decisions.add(next);
      previous = next;
    }
    return Future.all(decisions).compose(all -> {
      ObjectNode response = Json.object();
      response.put("id", "modr-" + exchange.id());
      response.put("model", rails.guard().get().name());
      ArrayNode results = response.putArray("results");
      for (Future<Decision> f : decisions) {
        Decision d = f.result();
        Optional<Failure> failure = d.failure();
        if (failure.isPresent() && d.unsafeProbability().isEmpty()) {
          // The guard gave no score: there is nothing to report but the failure.
          return Future.succeededFuture(failed(failure.get()));
        }
        results.add(Moderation.result(d));
      }
      return Future.succeededFuture(Reply.json(200, Json.buffer(response)));
    });
  }

  private Reply failed(Failure failure) {
    int status = switch (failure.kind()) {
      case OVERLOADED -> 429;
      case TOO_LARGE -> 413;
      default -> 503;
    };
    Reply reply = Reply.json(status, ApiFormat.OPENAI_CHAT.error(
        status == 413 ? "invalid_request_error" : "api_error", "guard_" + failure.kind().id(),
        "the input could not be classified: " + failure.message(), null));
    return status == 429 ? reply.withHeader("retry-after", Integer.toString(retryAfterSeconds))
        : reply;
  }

  private static List<String> moderationInputs(JsonNode input) {
    List<String> inputs = new ArrayList<>();
    if (input == null || input.isNull()) {
      throw new BadRequestException("'input' is required");
    }
    if (input.isTextual()) {
      inputs.add(input.asText());
    } else if (input.isArray()) {
      StringBuilder parts = null;
      for (JsonNode item : input) {
        if (item.isTextual()) {
          inputs.add(item.asText());
        } else if (item.isObject()) {
          // Multi-modal parts make up one input together.
          parts = parts == null ? new StringBuilder() : parts.append('\n');
          parts.append(switch (item.path("type").asText("")) {
            case "text" -> item.path("text").asText("");
            case "image_url" -> "[image]";
            default -> "[" + item.path("type").asText("part") + "]";
          });
        } else {
          throw new BadRequestException("'input' items must be strings or content parts");
        }
      }
      if (parts != null) {
        inputs.add(parts.toString());
      }
    } else {
      throw new BadRequestException("'input' must be a string or an array");
    }
    if (inputs.isEmpty() || inputs.size() > MAX_MODERATION_INPUTS) {
      throw new BadRequestException("'input' must hold 1 to " + MAX_MODERATION_INPUTS + " inputs");
    }
    return inputs;
  }

  private Future<Reply> classify(JsonNode body, Exchange exchange) {
    if (rails == null || rails.guard().isEmpty()) {
      return unavailable("no guard model is configured (guard.model or guard.remote)");
    }
    Chat chat;
    if (body.has("messages")) {
      chat = ApiFormat.OPENAI_CHAT.parse(Json.buffer(body)).chat();
    } else if (body.path("prompt").isTextual()) {
      chat = Chat.ofUser(body.path("prompt").asText());
    } else {
      throw new BadRequestException("give 'messages' (OpenAI chat messages) or 'prompt' (text), "
          + "and optionally 'answer' to check a response");
    }
    JsonNode answer = body.get("answer");
    if (answer != null && !answer.isTextual()) {
      throw new BadRequestException("'answer' must be a string");
    }
    if (!guardChecks.permits().tryAcquire()) {
      guardChecks.observer().rejected(exchange.route());
      return Future.succeededFuture(Refusals.overloaded(ApiFormat.OPENAI_CHAT, retryAfterSeconds));
    }
    return guardChecks.run(exchange, "endpoint", () -> answer == null ? rails.checkInputAsync(chat)
        : rails.checkOutputAsync(chat, answer.asText()))
        .map(d -> Reply.json(200, Json.buffer(DecisionJson.of(d))));
  }

  private Future<Reply> scan(JsonNode body, Exchange exchange) {
    if (codeOnly == null) {
      return unavailable("Code Shield is off in this configuration (codeshield: false)");
    }
    JsonNode code = body.get("code");
    JsonNode markdown = body.get("markdown");
    if ((code == null) == (markdown == null) || code != null && !code.isTextual()
        || markdown != null && !markdown.isTextual()) {
      throw new BadRequestException("give 'code' (with an optional 'language') or 'markdown', "
          + "as a string");
    }
    JsonNode language = body.get("language");
    if (language != null && !language.isTextual()) {
      throw new BadRequestException("'language' must be a string");
    }
    if (code != null && language != null && Language.find(language.asText()).isEmpty()) {
      throw new BadRequestException("unknown language '" + language.asText() + "'; one of "
          + Language.ids());
    }
    if (!codeChecks.permits().tryAcquire()) {
      codeChecks.observer().rejected(exchange.route());
      return Future.succeededFuture(Refusals.overloaded(ApiFormat.OPENAI_CHAT, retryAfterSeconds));
    }
    return codeChecks.run(exchange, "endpoint", () -> code != null && language != null
        ? codeOnly.checkCodeAsync(code.asText(), language.asText())
        : codeOnly.checkOutputAsync(Chat.of(), code != null ? code.asText() : markdown.asText()))
        .map(d -> Reply.json(200, Json.buffer(DecisionJson.of(d))));
  }

  private static Future<Reply> unavailable(String why) {
    return Future.succeededFuture(Reply.json(503,
        ApiFormat.OPENAI_CHAT.error("api_error", "not_configured", why, null)));
  }
}
