package dev.ward.proxy.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Guardrails;
import dev.ward.proxy.api.ApiRequest;
import dev.ward.proxy.api.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks the answer: Llama Guard on its text and Code Shield on its code, as the route's policy
 * says. A complete answer is read whole, checked, then sent byte for byte as the upstream wrote
 * it, or withheld (HTTP 200, {@code finish_reason: content_filter}). A streamed answer goes
 * through a {@link GuardedStream}. Upstream errors (non-2xx) pass untouched: they hold no answer.
 */
public final class OutputCheck implements Stage {
  private final Guardrails rails;
  private final boolean shadow;
  private final StreamPolicy streaming;
  private final Checks checks;

  public OutputCheck(Guardrails rails, boolean shadow, StreamPolicy streaming,
      CheckPermits permits, CheckObserver observer) {
    this.rails = rails;
    this.shadow = shadow;
    this.streaming = streaming;
    this.checks = new Checks(permits, observer, Checks.outputParts(rails));
  }

  @Override
  public Category category() {
    return Category.OUTPUT_CHECK;
  }

  @Override
  public Future<Reply> handle(Exchange exchange, Chain chain) {
    ApiRequest request = exchange.request().orElseThrow(
        () -> new IllegalStateException("an output check needs a parsed request"));
    return chain.proceed().compose(reply -> {
      if (reply.status() < 200 || reply.status() > 299) {
        return Future.succeededFuture(reply);
      }
      // Every Content-Encoding line counts: a client applies them all.
      String encoding = String.join(", ", reply.headers().getAll("content-encoding")).strip();
      if (!encoding.isEmpty() && java.util.Arrays.stream(encoding.split(","))
          .map(String::strip).anyMatch(e -> !e.isEmpty() && !e.equalsIgnoreCase("identity"))) {
        // Asked for identity, sent compressed anyway: unreadable, so uncheckable (fail closed).
        reply.body().cancel();
        exchange.outputNote("the upstream's answer is compressed (" + encoding + ")");
        return Future.succeededFuture(Refusals.error(request.format(), 502, "api_error",
            "upstream_error", "the upstream answered in content-encoding " + encoding.strip()
                + ", which Ward cannot read to check; it was asked for identity"));
      }
      String type = reply.headers().get("content-type");
      if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
        return Future.succeededFuture(reply.withBody(new GuardedStream(reply.body(),
            request, rails, shadow, streaming, exchange, checks)));
      }
      return collect(reply.body(), streaming.maxAnswerChars() * 4L)
          .compose(body -> checkWhole(exchange, request, reply, body));
    });
  }

  private Future<Reply> checkWhole(Exchange exchange, ApiRequest request, Reply reply, Buffer body) {
    JsonNode json = Json.parseOrNull(body.toString(StandardCharsets.UTF_8));
    if (json == null || !json.isObject()) {
      exchange.outputNote("the upstream's answer is not JSON");
      return Future.succeededFuture(Refusals.error(request.format(), 502, "api_error",
          "upstream_error", "the upstream's answer is not JSON, so it cannot be checked"));
    }
    Optional<String> read = request.format().answer(json);
    if (read.isEmpty()) {
      exchange.outputNote("the upstream's answer is JSON of another shape");
      return Future.succeededFuture(Refusals.error(request.format(), 502, "api_error",
          "upstream_error", "the upstream's answer holds no answer in this API's shape (no "
              + "choices or content), so it cannot be checked"));
    }
    String answer = read.get();
    Future<Decision> decision = checks.runWhenFree(exchange, "output",
        () -> rails.checkOutputAsync(request.chat(), answer));
    return decision.map(d -> {
      exchange.output(d);
      if (d.blocked() && !shadow) {
        return reply.withBody(Body.of(request.format().withheld(json)));
      }
      return new Reply(reply.status(), reply.headers(), Body.of(body));
    });
  }

  /** Reads a whole body, refusing one past {@code limit} bytes. */
  static Future<Buffer> collect(Body body, long limit) {
    Promise<Buffer> result = Promise.promise();
    Buffer all = Buffer.buffer();
    body.start(new Body.Sink() {
      @Override
      public void chunk(Buffer chunk) {
        if (all.length() + (long) chunk.length() > limit) {
          body.cancel();
          result.tryFail(new UpstreamException(502, "the upstream's answer is larger than "
              + limit + " bytes, more than Ward checks"));
          return;
        }
        all.appendBuffer(chunk);
      }

      @Override
      public void end() {
        result.tryComplete(all);
      }

      @Override
      public void fail(Throwable error) {
        result.tryFail(error);
      }
    });
    return result.future();
  }
}
