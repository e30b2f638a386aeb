package dev.ward.cyberseceval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A fake LLM API on 127.0.0.1: OpenAI's chat completions and Anthropic's messages, answering
 * from a script (a function of the model, system prompt and user message) and recording every
 * call.
 */
public final class ScriptedLlmServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One call as the server saw it. */
  public record Call(String path, String model, String system, String user, JsonNode body) {}

  /** A scripted reply: a 200 with this content, or another status with an error message. */
  public record Reply(int status, String content) {
    public static Reply ok(String content) {
      return new Reply(200, content);
    }

    public static Reply error(int status, String message) {
      return new Reply(status, message);
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Function<Call, Reply> script;

  public ScriptedLlmServer(Function<Call, Reply> script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /** An OPENAI spec for a model on this server. */
  public String spec(String model) {
    return "OPENAI::" + model + "::test-key::" + baseUrl();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public long callsFor(String model) {
    return calls.stream().filter(c -> c.model().equals(model)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      String path = exchange.getRequestURI().getPath();
      String model = body.path("model").asText();
      String system = null;
      String user = null;
      if (path.endsWith("/messages")) {
        system = body.has("system") ? body.get("system").asText() : null;
        user = body.path("messages").path(0).path("content").asText();
      } else {
        for (JsonNode m : body.path("messages")) {
          switch (m.path("role").asText()) {
            case "system" -> system = system == null ? m.path("content").asText()
                : system + "\n" + m.path("content").asText();
            case "user" -> user = m.path("content").asText();
            default -> { }
          }
        }
      }
      Call call = new Call(path, model, system, user, body);
      calls.add(call);
      Reply reply = script.apply(call);
      ObjectNode json = JSON.createObjectNode();
      if (reply.status() != 200) {
        json.putObject("error").put("message", reply.content());
      } else if (path.endsWith("/messages")) {
        json.putArray("content").addObject().put("type", "text").put("text", reply.content());
      } else {
        json.putArray("choices").addObject().put("index", 0).putObject("message")
            .put("role", "assistant").put("content", reply.content());
      }
      byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
