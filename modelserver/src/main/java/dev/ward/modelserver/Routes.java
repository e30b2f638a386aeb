package dev.ward.modelserver;

import dev.ward.guard.tokenizer.Tokenizer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The OpenAI-compatible endpoints: {@code GET /v1/models}, {@code POST /v1/chat/completions} and
 * {@code POST /v1/completions}. Handlers only parse and validate on the event loop; generation
 * runs on the engine's thread and comes back through an {@link Exchange}.
 */
final class Routes {
  private static final long MAX_BODY_BYTES = 8L << 20;

  private final Engine engine;
  private final ChatTemplate template;
  private final String modelName;
  private final int defaultMaxTokens;
  private final long created = System.currentTimeMillis() / 1000;

  Routes(Engine engine, ChatTemplate template, String modelName, int defaultMaxTokens) {
    this.engine = engine;
    this.template = template;
    this.modelName = modelName;
    this.defaultMaxTokens = defaultMaxTokens;
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.get("/v1/models").handler(this::models);
    router.post("/v1/chat/completions").handler(ctx -> generate(ctx, Exchange.Api.CHAT));
    router.post("/v1/completions").handler(ctx -> generate(ctx, Exchange.Api.COMPLETION));
    router.route().last().handler(ctx -> respondError(ctx.response(), 404,
        "no such endpoint: " + ctx.request().method() + " " + ctx.request().path(),
        "invalid_request_error", null));
    router.route().failureHandler(ctx -> {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      String message = status == 413 ? "the request body is larger than " + MAX_BODY_BYTES
          + " bytes" : ctx.failure() == null ? "HTTP " + status
          : String.valueOf(ctx.failure().getMessage());
      respondError(ctx.response(), status, message,
          status < 500 ? "invalid_request_error" : "server_error", null);
    });
    return router;
  }

  private void models(RoutingContext ctx) {
    JsonObject model = new JsonObject().put("id", modelName).put("object", "model")
        .put("created", created).put("owned_by", "ward")
        .put("max_model_len", engine.contextLength());
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
        .put("object", "list").put("data", new JsonArray().add(model)).toBuffer());
  }

  private void generate(RoutingContext ctx, Exchange.Api api) {
    HttpServerResponse response = ctx.response();
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      respondError(response, 400, "the request body is not a JSON object", "invalid_request_error",
          null);
      return;
    }
    if (body == null) {
      respondError(response, 400, "the request needs a JSON body", "invalid_request_error", null);
      return;
    }
    Engine.Generation generation;
    try {
      RequestReader reader = new RequestReader(body);
      reader.requireSingleChoice();
      Tokenizer tokenizer = engine.tokenizer();
      int[] prompt = api == Exchange.Api.CHAT ? template.render(reader.messages(), tokenizer)
          : reader.prompt(tokenizer);
      int maxTokens = reader.maxTokens(prompt.length, engine.contextLength(), defaultMaxTokens);
      int logprobs = api == Exchange.Api.CHAT ? reader.chatLogprobs() : reader.completionLogprobs();
      List<String> stop = reader.stop();
      GenerationRequest request = new GenerationRequest(prompt, maxTokens, reader.sampling(),
          logprobs);
      Context context = ctx.vertx().getOrCreateContext();
      Exchange exchange = new Exchange(api, response, context, tokenizer, stop, modelName,
          reader.stream(), reader.includeUsageInStream(), logprobs);
      generation = engine.submit(request, exchange);
    } catch (BadRequest e) {
      respondError(response, 400, e.getMessage(), "invalid_request_error", e.param());
      return;
    } catch (IllegalArgumentException e) {
      respondError(response, 400, e.getMessage(), "invalid_request_error", null);
      return;
    } catch (Engine.Rejected e) {
      response.putHeader("Retry-After", "1");
      respondError(response, 429, e.getMessage(), "rate_limit_error", null);
      return;
    }
    // A client that goes away stops its generation at the next step.
    response.closeHandler(v -> generation.cancel());
  }

  static void respondError(HttpServerResponse response, int status, String message, String type,
      String param) {
    if (response.ended() || response.closed()) {
      return;
    }
    JsonObject error = Exchange.errorBody(message, type).put("param", param);
    response.setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", error).toBuffer());
  }
}
