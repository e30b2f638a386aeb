package dev.ward.proxy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.proxy.api.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in LLM server on loopback for load tests and end-to-end tests: OpenAI chat and legacy
 * completions, Anthropic messages (each plain and streamed), {@code /v1/models}, and Llama
 * Guard scoring on {@code /v1/completions} with {@code logprobs} (a remote guard's server) after
 * a fixed latency. Its answer, chunking and misbehaviour (errors, stalls, disconnects) are set by
 * the caller; it records what it received and sent, so a test can compare bytes on both sides.
 */
public final class FakeLlm implements AutoCloseable {
  /** How the server misbehaves. */
  public enum Behavior {
    /** Answers properly. */
    NORMAL,
    /** Answers 500 with an OpenAI-style error. */
    ERROR,
    /** Sends the headers and the first chunk of a stream, then nothing (a plain answer: nothing). */
    STALL,
    /** Closes the connection halfway through a stream (a plain answer: before answering). */
    DISCONNECT
  }

  private final Vertx vertx;
  private final HttpServer server;
  private volatile String answer = "Hello! How can I help you today?";
  private volatile Behavior behavior = Behavior.NORMAL;
  private volatile int chunkChars = 8;
  private volatile Duration chunkDelay = Duration.ZERO;
  private volatile Duration guardLatency = Duration.ZERO;
  private volatile double guardUnsafe = 0.01;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger aborted = new AtomicInteger();
  private volatile Buffer lastRequest = Buffer.buffer();
  private volatile io.vertx.core.MultiMap lastHeaders = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
  private volatile Buffer lastResponse = Buffer.buffer();

  private FakeLlm(Vertx vertx, int port) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
        .setTcpNoDelay(true).setHttp2ClearTextEnabled(false)).requestHandler(this::handle);
    try {
      server.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("fake LLM cannot listen: " + e.getMessage(), e);
    }
  }

  /** Starts one on a free loopback port. */
  public static FakeLlm start(Vertx vertx) {
    return new FakeLlm(vertx, 0);
  }

  public int port() {
    return server.actualPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public FakeLlm answer(String text) {
    answer = text;
    return this;
  }

  public FakeLlm behavior(Behavior value) {
    behavior = value;
    return this;
  }

  /** Characters of the answer per streamed event, and the pause between events. */
  public FakeLlm chunks(int chars, Duration delay) {
    chunkChars = chars;
    chunkDelay = delay;
    return this;
  }

  /** As a guard server: the latency and P(unsafe) of every verdict. */
  public FakeLlm guard(Duration latency, double unsafeProbability) {
    guardLatency = latency;
    guardUnsafe = unsafeProbability;
    return this;
  }

  public int requests() {
    return requests.get();
  }

  /** Responses whose connection closed before they ended (the proxy cancelled them). */
  public int aborted() {
    return aborted.get();
  }

  public Buffer lastRequest() {
    return lastRequest;
  }

  public io.vertx.core.MultiMap lastHeaders() {
    return lastHeaders;
  }

  /** The exact bytes of the last response body sent. */
  public Buffer lastResponse() {
    return lastResponse;
  }

  public FakeLlm reset() {
    requests.set(0);
    aborted.set(0);
    behavior = Behavior.NORMAL;
    chunkDelay = Duration.ZERO;
    chunkChars = 8;
    return this;
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      requests.incrementAndGet();
      lastRequest = body;
      lastHeaders = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
      HttpServerResponse response = request.response();
      response.closeHandler(v -> {
        if (!response.ended()) {
          aborted.incrementAndGet();
        }
      });
      if (request.path().equals("/v1/models")) {
        send(response, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\","
            + "\"owned_by\":\"ward\"}]}");
        return;
      }
      JsonNode json = Json.parseOrNull(body.toString(StandardCharsets.UTF_8));
      if (json == null) {
        send(response, 400, "{\"error\":{\"message\":\"not JSON\",\"type\":\"invalid_request_error\"}}");
        return;
      }
      if (request.path().equals("/v1/completions") && json.has("logprobs")) {
        vertx.setTimer(Math.max(1, guardLatency.toMillis()), t -> send(response, 200, guardAnswer()));
        return;
      }
      switch (behavior) {
        case ERROR -> {
          send(response, 500, "{\"error\":{\"message\":\"the model crashed\",\"type\":\"server_error\"}}");
          return;
        }
        case DISCONNECT -> {
          if (!json.path("stream").asBoolean()) {
            request.connection().close();
            return;
          }
        }
        case STALL -> {
          if (!json.path("stream").asBoolean()) {
            return;
          }
        }
        case NORMAL -> { }
      }
      String model = json.path("model").asText("fake-model");
      boolean stream = json.path("stream").asBoolean();
      switch (request.path()) {
        case "/v1/chat/completions" -> {
          if (stream) {
            stream(request, openAiChunks(model, "chat.completion.chunk"));
          } else {
            send(response, 200, openAiChat(model));
          }
        }
        case "/v1/completions" -> {
          if (stream) {
            stream(request, openAiChunks(model, "text_completion"));
          } else {
            send(response, 200, openAiCompletion(model));
          }
        }
        case "/v1/messages" -> {
          if (stream) {
            stream(request, anthropicEvents(model));
          } else {
            send(response, 200, anthropicMessage(model));
          }
        }
        default -> send(response, 404, "{\"error\":{\"message\":\"no such path\"}}");
      }
    });
  }

  private void send(HttpServerResponse response, int status, String body) {
    Buffer bytes = Buffer.buffer(body);
    lastResponse = bytes;
    response.setStatusCode(status).putHeader("content-type", "application/json").end(bytes);
  }

  private void stream(HttpServerRequest request, List<String> events) {
    HttpServerResponse response = request.response();
    response.setStatusCode(200).setChunked(true)
        .putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    Buffer sent = Buffer.buffer();
    lastResponse = sent;
    Behavior how = behavior;
    long delay = chunkDelay.toMillis();
    writeFrom(request, events, 0, sent, how, delay);
  }

  private void writeFrom(HttpServerRequest request, List<String> events, int index, Buffer sent,
      Behavior how, long delay) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    if (index == events.size()) {
      response.end();
      return;
    }
    if (how == Behavior.STALL && index == 1) {
      return;
    }
    if (how == Behavior.DISCONNECT && index == events.size() / 2) {
      vertx.setTimer(5, t -> request.connection().close());
      return;
    }
    Buffer event = Buffer.buffer(events.get(index));
    sent.appendBuffer(event);
    response.write(event);
    if (delay > 0) {
      vertx.setTimer(delay, t -> writeFrom(request, events, index + 1, sent, how, delay));
    } else {
      writeFrom(request, events, index + 1, sent, how, delay);
    }
  }

  private List<String> pieces() {
    String text = answer;
    List<String> pieces = new ArrayList<>();
    int size = Math.max(1, chunkChars);
    for (int i = 0; i < text.length(); i += size) {
      pieces.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return pieces;
  }

  private List<String> openAiChunks(String model, String object) {
    boolean chat = object.equals("chat.completion.chunk");
    List<String> events = new ArrayList<>();
    if (chat) {
      events.add(data(chunk(model, object, delta("role", "assistant", "content", ""), null)));
    }
    for (String piece : pieces()) {
      events.add(data(chat ? chunk(model, object, delta("content", piece), null)
          : textChunk(model, piece, null)));
    }
    events.add(data(chat ? chunk(model, object, Json.object(), "stop") : textChunk(model, "", "stop")));
    events.add("data: [DONE]\n\n");
    return events;
  }

  private static ObjectNode delta(String... pairs) {
    ObjectNode delta = Json.object();
    for (int i = 0; i < pairs.length; i += 2) {
      delta.put(pairs[i], pairs[i + 1]);
    }
    return delta;
  }

  private static ObjectNode chunk(String model, String object, ObjectNode delta, String finish) {
    ObjectNode chunk = Json.object();
    chunk.put("id", "chatcmpl-fake");
    chunk.put("object", object);
    chunk.put("created", 1_700_000_000L);
    chunk.put("model", model);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk;
  }

  private static ObjectNode textChunk(String model, String text, String finish) {
    ObjectNode chunk = Json.object();
    chunk.put("id", "cmpl-fake");
    chunk.put("object", "text_completion");
    chunk.put("created", 1_700_000_000L);
    chunk.put("model", model);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.put("text", text);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk;
  }

  private static String data(ObjectNode json) {
    return "data: " + json + "\n\n";
  }

  private static String event(String name, ObjectNode json) {
    return "event: " + name + "\ndata: " + json + "\n\n";
  }

  private String openAiChat(String model) {
    ObjectNode body = Json.object();
    body.put("id", "chatcmpl-fake");
    body.put("object", "chat.completion");
    body.put("created", 1_700_000_000L);
    body.put("model", model);
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", answer);
    choice.put("finish_reason", "stop");
    ObjectNode usage = body.putObject("usage");
    usage.put("prompt_tokens", 10);
    usage.put("completion_tokens", 10);
    usage.put("total_tokens", 20);
    return body.toString();
  }

  private String openAiCompletion(String model) {
    ObjectNode body = textChunk(model, answer, "stop");
    body.putObject("usage").put("total_tokens", 20);
    return body.toString();
  }

  private String anthropicMessage(String model) {
    ObjectNode body = Json.object();
    body.put("id", "msg_fake");
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", model);
    ObjectNode text = body.putArray("content").addObject();
    text.put("type", "text");
    text.put("text", answer);
    body.put("stop_reason", "end_turn");
    body.putNull("stop_sequence");
    ObjectNode usage = body.putObject("usage");
    usage.put("input_tokens", 10);
    usage.put("output_tokens", 10);
    return body.toString();
  }

  private List<String> anthropicEvents(String model) {
    List<String> events = new ArrayList<>();
    ObjectNode start = Json.object();
    start.put("type", "message_start");
    ObjectNode message = start.putObject("message");
    message.put("id", "msg_fake");
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", 10).put("output_tokens", 1);
    events.add(event("message_start", start));
    ObjectNode blockStart = Json.object();
    blockStart.put("type", "content_block_start");
    blockStart.put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    events.add(event("content_block_start", blockStart));
    events.add("event: ping\ndata: {\"type\": \"ping\"}\n\n");
    for (String piece : pieces()) {
      ObjectNode delta = Json.object();
      delta.put("type", "content_block_delta");
      delta.put("index", 0);
      delta.putObject("delta").put("type", "text_delta").put("text", piece);
      events.add(event("content_block_delta", delta));
    }
    ObjectNode blockStop = Json.object();
    blockStop.put("type", "content_block_stop");
    blockStop.put("index", 0);
    events.add(event("content_block_stop", blockStop));
    ObjectNode messageDelta = Json.object();
    messageDelta.put("type", "message_delta");
    messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", 10);
    events.add(event("message_delta", messageDelta));
    events.add(event("message_stop", Json.object().put("type", "message_stop")));
    return events;
  }

  /** A Llama Guard answer with logprobs, as vLLM writes it. */
  private String guardAnswer() {
    return guardAnswer(guardUnsafe);
  }

  /** A Llama Guard answer with logprobs, as vLLM writes it, giving {@code unsafe} to "unsafe". */
  public static String guardAnswer(double guardUnsafe) {
    boolean unsafe = guardUnsafe >= 0.5;
    ObjectNode body = Json.object();
    body.put("id", "cmpl-guard");
    body.put("object", "text_completion");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.put("text", unsafe ? "unsafe\nS1" : "safe");
    ObjectNode logprobs = choice.putObject("logprobs");
    ArrayNode tokens = logprobs.putArray("tokens");
    tokens.add(unsafe ? "unsafe" : "safe");
    ObjectNode top = logprobs.putArray("top_logprobs").addObject();
    top.put("safe", Math.log(Math.max(1e-9, 1 - guardUnsafe)));
    top.put("unsafe", Math.log(Math.max(1e-9, guardUnsafe)));
    choice.put("finish_reason", "stop");
    return body.toString();
  }

  @Override
  public void close() {
    server.close();
  }
}
