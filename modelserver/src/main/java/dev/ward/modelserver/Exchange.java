package dev.ward.modelserver;

import dev.ward.guard.sampling.Probabilities;
import dev.ward.guard.tokenizer.StreamingDecoder;
import dev.ward.guard.tokenizer.Tokenizer;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One HTTP request's answer under way: turns the engine's tokens into text (whole characters,
 * cut at stop strings) and log-probabilities, and writes them as one OpenAI-shaped JSON body or
 * as server-sent events. The engine calls it on its scheduler thread; everything that touches
 * the response runs on the request's Vert.x context.
 */
final class Exchange implements GenerationSink {
  /** vLLM's stand-in for a log-probability of minus infinity, which JSON cannot hold. */
  private static final double NEGATIVE_INFINITY_LOGPROB = -9999.0;

  enum Api {
    CHAT("chat.completion", "chatcmpl-"),
    COMPLETION("text_completion", "cmpl-");

    private final String object;
    private final String idPrefix;

    Api(String object, String idPrefix) {
      this.object = object;
      this.idPrefix = idPrefix;
    }
  }

  private final Api api;
  private final HttpServerResponse response;
  private final Context context;
  private final Tokenizer tokenizer;
  private final StreamingDecoder decoder;
  private final StopStrings stops;
  private final String model;
  private final boolean stream;
  private final boolean streamUsage;
  private final int topLogprobs;
  private final String id = UUID.randomUUID().toString().replace("-", "");
  private final long created = System.currentTimeMillis() / 1000;
  private final StringBuilder text = new StringBuilder();
  /** Log-probability entries not yet written (all of them, when not streaming). */
  private JsonArray pendingLogprobs = new JsonArray();
  private boolean roleSent;

  Exchange(Api api, HttpServerResponse response, Context context, Tokenizer tokenizer,
      List<String> stops, String model, boolean stream, boolean streamUsage, int topLogprobs) {
    this.api = api;
    this.response = response;
    this.context = context;
    this.tokenizer = tokenizer;
    this.decoder = tokenizer.streamingDecoder();
    this.stops = new StopStrings(stops);
    this.model = model;
    this.stream = stream;
    this.streamUsage = streamUsage;
    this.topLogprobs = topLogprobs;
  }

  @Override
  public boolean token(TokenChoice choice, boolean endOfGeneration) {
    String released = endOfGeneration ? "" : stops.feed(decoder.next(choice.token()));
    if (topLogprobs >= 0) {
      pendingLogprobs.add(logprobEntry(choice, text.length() + released.length()));
    }
    text.append(released);
    if (stream && (!released.isEmpty() || !pendingLogprobs.isEmpty())) {
      JsonArray logprobs = takeLogprobs();
      context.runOnContext(v -> writeEvent(chunk(released, logprobs, null)));
    }
    return !stops.stopped();
  }

  @Override
  public void finished(FinishReason reason, int promptTokens, int completionTokens) {
    String tail = stops.stopped() ? "" : stops.feed(decoder.finish()) + stops.flush();
    text.append(tail);
    JsonObject usage = new JsonObject().put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    String finish = stops.stopped() ? FinishReason.STOP.apiName() : reason.apiName();
    if (!stream) {
      JsonObject body = envelope(api.object)
          .put("choices", new JsonArray().add(choice(text.toString(), takeLogprobs(), finish, false)))
          .put("usage", usage);
      context.runOnContext(v -> {
        if (!response.ended() && !response.closed()) {
          response.putHeader("Content-Type", "application/json").end(body.toBuffer());
        }
      });
      return;
    }
    JsonArray logprobs = takeLogprobs();
    context.runOnContext(v -> {
      writeEvent(chunk(tail, logprobs, finish));
      if (streamUsage) {
        writeEvent(envelope(api.object + (api == Api.CHAT ? ".chunk" : ""))
            .put("choices", new JsonArray()).put("usage", usage).encode());
      }
      if (!response.ended() && !response.closed()) {
        response.end("data: [DONE]\n\n");
      }
    });
  }

  @Override
  public void failed(Throwable error) {
    String message = error instanceof Engine.Rejected ? error.getMessage()
        : "generation failed: " + (error.getMessage() == null ? error.getClass().getSimpleName()
            : error.getMessage());
    int status = error instanceof Engine.Rejected ? 503 : 500;
    context.runOnContext(v -> {
      if (response.ended() || response.closed()) {
        return;
      }
      if (stream && response.headWritten()) {
        writeEvent(new JsonObject().put("error", errorBody(message, "server_error")).encode());
        response.end();
      } else {
        Routes.respondError(response, status, message, "server_error", null);
      }
    });
  }

  private JsonArray takeLogprobs() {
    JsonArray taken = pendingLogprobs;
    pendingLogprobs = new JsonArray();
    return taken;
  }

  private String chunk(String delta, JsonArray logprobs, String finish) {
    return envelope(api == Api.CHAT ? "chat.completion.chunk" : api.object)
        .put("choices", new JsonArray().add(choice(delta, logprobs, finish, true))).encode();
  }

  private JsonObject envelope(String object) {
    return new JsonObject().put("id", api.idPrefix + id).put("object", object)
        .put("created", created).put("model", model);
  }

  private JsonObject choice(String content, JsonArray logprobs, String finish, boolean delta) {
    JsonObject choice = new JsonObject().put("index", 0);
    if (api == Api.CHAT) {
      JsonObject message = new JsonObject();
      if (!delta || !roleSent) {
        message.put("role", "assistant");
        roleSent = delta;
      }
      message.put("content", content);
      choice.put(delta ? "delta" : "message", message);
      choice.put("logprobs", topLogprobs < 0 ? null : new JsonObject().put("content", chatLogprobs(logprobs)));
    } else {
      choice.put("text", content);
      choice.put("logprobs", topLogprobs < 0 ? null : completionLogprobs(logprobs));
    }
    return choice.put("finish_reason", finish);
  }

  /**
   * One token's entry: its text, log-probability and the most likely alternatives, kept in the
   * chat API's list shape and converted to the completions API's columns when written.
   */
  private JsonObject logprobEntry(TokenChoice choice, int offset) {
    Probabilities p = choice.distribution();
    JsonArray top = new JsonArray();
    for (List<Number> alternative : p.top(topLogprobs)) {
      int tokenId = alternative.get(0).intValue();
      top.add(tokenLogprob(tokenId, logprob(alternative.get(1).doubleValue())));
    }
    return tokenLogprob(choice.token(), logprob(p.of(choice.token())))
        .put("top_logprobs", top).put("text_offset", offset);
  }

  private JsonObject tokenLogprob(int tokenId, double logprob) {
    byte[] bytes = tokenizer.tokenBytes(tokenId);
    JsonArray byteList = new JsonArray();
    for (byte b : bytes) {
      byteList.add(b & 0xFF);
    }
    return new JsonObject().put("token", tokenText(tokenId)).put("logprob", logprob)
        .put("bytes", byteList).put("id", tokenId);
  }

  /** The token's text; control tokens as their names, broken characters as vLLM writes them. */
  private String tokenText(int tokenId) {
    byte[] bytes = tokenizer.tokenBytes(tokenId);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      StringBuilder escaped = new StringBuilder("bytes:");
      for (byte b : bytes) {
        escaped.append(String.format("\\x%02x", b & 0xFF));
      }
      return escaped.toString();
    }
    return text;
  }

  private static double logprob(double probability) {
    return probability > 0 ? Math.log(probability) : NEGATIVE_INFINITY_LOGPROB;
  }

  /** OpenAI's chat shape: the entries without their text offsets. */
  private static JsonArray chatLogprobs(JsonArray entries) {
    JsonArray out = new JsonArray();
    for (Object item : entries) {
      JsonObject entry = ((JsonObject) item).copy();
      entry.remove("text_offset");
      out.add(entry);
    }
    return out;
  }

  /** vLLM's completions shape: tokens, token_logprobs, top_logprobs ({text: logprob}), text_offset. */
  private static JsonObject completionLogprobs(JsonArray entries) {
    JsonArray tokens = new JsonArray();
    JsonArray tokenLogprobs = new JsonArray();
    JsonArray top = new JsonArray();
    JsonArray offsets = new JsonArray();
    for (Object item : entries) {
      JsonObject entry = (JsonObject) item;
      tokens.add(entry.getString("token"));
      tokenLogprobs.add(entry.getDouble("logprob"));
      offsets.add(entry.getInteger("text_offset"));
      JsonObject alternatives = new JsonObject();
      for (Object alt : entry.getJsonArray("top_logprobs")) {
        JsonObject a = (JsonObject) alt;
        // Two tokens can share a text (broken bytes); keep the likelier, listed first.
        if (!alternatives.containsKey(a.getString("token"))) {
          alternatives.put(a.getString("token"), a.getDouble("logprob"));
        }
      }
      top.add(alternatives);
    }
    return new JsonObject().put("tokens", tokens).put("token_logprobs", tokenLogprobs)
        .put("top_logprobs", top).put("text_offset", offsets);
  }

  private void writeEvent(String data) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (!response.headWritten()) {
      response.setChunked(true).putHeader("Content-Type", "text/event-stream")
          .putHeader("Cache-Control", "no-cache");
    }
    response.write("data: " + data + "\n\n");
  }

  static JsonObject errorBody(String message, String type) {
    return new JsonObject().put("message", message).put("type", type).putNull("param")
        .putNull("code");
  }
}
