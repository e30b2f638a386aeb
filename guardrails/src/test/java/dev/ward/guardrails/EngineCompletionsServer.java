package dev.ward.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.model.Sequence;
import dev.ward.guard.sampling.Generator;
import dev.ward.guard.sampling.Probabilities;
import dev.ward.guard.sampling.SamplingParams;
import dev.ward.guard.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible {@code /v1/completions} server on 127.0.0.1, backed by Ward's engine, that
 * answers with log-probabilities in the shape of vLLM or of llama.cpp's llama-server: what a
 * remote guard meets in production, with a real model behind it. It can be told to fail first
 * (statuses to answer before serving) or to stall.
 */
final class EngineCompletionsServer implements AutoCloseable {
  enum Shape { VLLM, LLAMA_SERVER }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final LlamaModel model;
  private final Tokenizer tokenizer;
  private final Shape shape;
  private final HttpServer server;
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile long stallMillis;

  EngineCompletionsServer(LlamaModel model, Shape shape) throws IOException {
    this.model = model;
    this.tokenizer = Tokenizer.fromGguf(model.file());
    this.shape = shape;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/completions", this::complete);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers these statuses, in order, before serving normally. */
  synchronized void failWith(Integer... statuses) {
    failures.addAll(List.of(statuses));
  }

  void stall(long millis) {
    stallMillis = millis;
  }

  int requests() {
    return requests.get();
  }

  private void complete(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      Integer failure;
      synchronized (this) {
        failure = failures.poll();
      }
      if (failure != null) {
        send(exchange, failure, "{\"error\": {\"message\": \"scripted failure\"}}");
        return;
      }
      if (stallMillis > 0) {
        Thread.sleep(stallMillis);
      }
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      send(exchange, 200, JSON.writeValueAsString(answer(request)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ObjectNode answer(JsonNode request) {
    int[] prompt = prompt(request.get("prompt"));
    int top = request.path("logprobs").asInt(1);
    int maxTokens = request.path("max_tokens").asInt(16);
    Sequence sequence = model.newSequence();
    float[] logits = sequence.forward(prompt);
    Probabilities first = new Probabilities(logits);
    int[] generated = Generator.generate(sequence, new int[0], logits, maxTokens,
        SamplingParams.GREEDY, tokenizer::isEndOfGeneration, t -> true).tokens();
    int end = generated.length;
    while (end > 0 && tokenizer.isEndOfGeneration(generated[end - 1])) {
      end--;
    }
    String text = tokenizer.decode(java.util.Arrays.copyOf(generated, end));

    ObjectNode body = JSON.createObjectNode();
    body.put("object", "text_completion");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("text", text);
    ObjectNode logprobs = choice.putObject("logprobs");
    List<List<Number>> best = first.top(top);
    if (shape == Shape.VLLM) {
      ObjectNode at = logprobs.putArray("top_logprobs").addObject();
      for (List<Number> entry : best) {
        at.put(tokenizer.decode(new int[] {entry.get(0).intValue()}),
            Math.log(entry.get(1).doubleValue()));
      }
    } else {
      ArrayNode candidates = logprobs.putArray("content").addObject()
          .put("token", text).putArray("top_logprobs");
      for (List<Number> entry : best) {
        int id = entry.get(0).intValue();
        candidates.addObject().put("id", id).put("token", tokenizer.decode(new int[] {id}))
            .put("logprob", Math.log(entry.get(1).doubleValue()));
      }
    }
    body.putObject("usage").put("prompt_tokens", prompt.length);
    return body;
  }

  /** Token ids as given, or text tokenized as servers do: BOS added, control tokens parsed. */
  private int[] prompt(JsonNode prompt) {
    if (prompt.isArray()) {
      int[] ids = new int[prompt.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = prompt.get(i).asInt();
      }
      return ids;
    }
    int[] text = tokenizer.encode(prompt.asText(), true);
    int[] ids = new int[text.length + 1];
    ids[0] = tokenizer.bos();
    System.arraycopy(text, 0, ids, 1, text.length);
    return ids;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
