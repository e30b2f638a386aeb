package dev.ward.langchain4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat completions server on 127.0.0.1 that answers every request with one
 * scripted message, and counts the requests it got.
 */
final class ScriptedOpenAiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String answer = "Hello!";

  ScriptedOpenAiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/v1/chat/completions", exchange -> {
      try (exchange) {
        requests.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        ObjectNode body = JSON.createObjectNode()
            .put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 0)
            .put("model", "scripted");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0)
            .put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer);
        body.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1)
            .put("total_tokens", 2);
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  void answer(String text) {
    answer = text;
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

}
