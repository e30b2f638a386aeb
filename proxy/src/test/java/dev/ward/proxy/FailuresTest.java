package dev.ward.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.proxy.api.Json;
import dev.ward.proxy.bench.FakeLlm;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input and broken parts, end to end: the proxy answers each with a clear JSON error in the
 * client's API format, cancels what a departed client leaves behind, and lives on.
 */
class FailuresTest {
  private static Harness h;
  private static FakeLlm guardServer;
  private static int port;

  @BeforeAll
  static void start() {
    h = new Harness();
    guardServer = FakeLlm.start(h.vertx);
    port = h.start(h.yaml("{}", """
        limits: {max_body_bytes: 4096, request_timeout_ms: 3000}
        """), null).port();
  }

  @AfterAll
  static void stop() {
    guardServer.close();
    h.close();
  }

  @BeforeEach
  void reset() {
    h.openai.reset().answer("Hello there, this is a fine answer.");
    h.anthropic.reset().answer("Hello there, this is a fine answer.");
    guardServer.reset().guard(Duration.ZERO, 0.01);
  }

  @Test
  void malformedJsonGetsAJson400AndTheServerLivesOn() {
    HttpResponse<byte[]> bad = Client.post(port, "/v1/chat/completions", "{\"messages\": [");
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode error = Json.parseOrNull(Client.text(bad)).path("error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_request");
    assertThat(error.path("message").asText()).startsWith("the request body is not valid JSON");

    HttpResponse<byte[]> wrongShape = Client.post(port, "/v1/messages",
        "{\"model\": \"m\", \"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}");
    assertThat(wrongShape.statusCode()).isEqualTo(400);
    assertThat(Json.parseOrNull(Client.text(wrongShape)).path("type").asText()).isEqualTo("error");
    assertThat(Client.text(wrongShape)).contains("messages[0].role");

    assertThat(Client.post(port, "/v1/chat/completions", Harness.chat("hi", false)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void oversizedBodiesAre413() {
    HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions",
        Harness.chat("x".repeat(5000), false));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Client.text(response)).contains("request_too_large");
    assertThat(h.openai.requests()).isZero();
  }

  @Test
  void upstreamFailuresMapToClearErrors() throws Exception {
    h.openai.behavior(FakeLlm.Behavior.ERROR);
    HttpResponse<byte[]> error = Client.post(port, "/v1/chat/completions", Harness.chat("hi", false));
    assertThat(error.statusCode()).isEqualTo(500);
    assertThat(error.body()).isEqualTo(h.openai.lastResponse().getBytes());

    h.openai.behavior(FakeLlm.Behavior.STALL);
    HttpResponse<byte[]> stalled = Client.post(port, "/v1/chat/completions", Harness.chat("hi", false));
    assertThat(stalled.statusCode()).isEqualTo(504);
    assertThat(Client.text(stalled)).contains("upstream_timeout");

    h.openai.behavior(FakeLlm.Behavior.DISCONNECT);
    HttpResponse<byte[]> gone = Client.post(port, "/v1/chat/completions", Harness.chat("hi", false));
    assertThat(gone.statusCode()).isEqualTo(502);
    assertThat(Client.text(gone)).contains("upstream_unavailable");

    // A port bound but not listening for the whole check: connections are refused, and no other
    // process can take the port meanwhile.
    try (Socket closed = Harness.reservedPort()) {
      int dead = h.start(h.yaml("{}", "").replace(h.openai.url(),
          "http://127.0.0.1:" + closed.getLocalPort()), null).port();
      HttpResponse<byte[]> refused = Client.post(dead, "/v1/chat/completions",
          Harness.chat("hi", false));
      assertThat(refused.statusCode()).isEqualTo(502);
      assertThat(Client.text(refused)).contains("cannot connect");
    }
  }

  @Test
  void streamsThatStallOrBreakEndWithTheApisErrorEvent() {
    h.openai.behavior(FakeLlm.Behavior.STALL);
    HttpResponse<byte[]> stalled = Client.post(port, "/v1/chat/completions", Harness.chat("hi", true));
    assertThat(stalled.statusCode()).isEqualTo(200);
    assertThat(Client.text(stalled)).contains("\"code\":\"upstream_error\"")
        .doesNotContain("[DONE]");

    h.anthropic.behavior(FakeLlm.Behavior.DISCONNECT).chunks(4, Duration.ZERO);
    HttpResponse<byte[]> broken = Client.post(port, "/v1/messages", Harness.messages("hi", true));
    assertThat(Client.text(broken)).endsWith("\n\n").contains("event: error");
  }

  @Test
  void aClientThatLeavesCancelsTheUpstreamCall() throws Exception {
    h.openai.answer("word ".repeat(200)).chunks(5, Duration.ofMillis(20));
    String id = "client-leaves-" + System.nanoTime();
    String seen = Client.postAndLeave(port, "/v1/chat/completions", Harness.chat("hi", true),
        "word", "x-request-id", id);
    assertThat(seen).contains("200 OK");
    PassThroughAndCodeShieldTest.awaitAborted(h.openai);
    // This request's own line, once the access log's writer has written it.
    assertThat(h.awaitAccessLogLine(id)).contains("\"status\":499")
        .contains("\"error\":\"client disconnected\"");
    assertThat(Client.post(port, "/v1/chat/completions", Harness.chat("hi", false)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aClientThatLeavesCancelsTheGuardsWork() throws Exception {
    guardServer.guard(Duration.ofSeconds(3), 0.01);
    int remote = h.start(h.yaml("{}", """
        guard:
          remote: {url: "%s", format: llama-guard-2, timeout_ms: 5000}
        """.formatted(guardServer.url())), null).port();
    // The client goes away while its prompt is with the guard (which takes 3 s to answer): the
    // guard call must be cancelled.
    Client.postAndLeaveWhen(remote, "/v1/chat/completions", Harness.chat("hi", false),
        () -> guardServer.requests() >= 1);
    PassThroughAndCodeShieldTest.awaitAborted(guardServer);
    assertThat(h.openai.requests()).isZero();
  }

  @Test
  void tooManyChecksAtOnceGet429WithRetryAfter() throws Exception {
    // The first check holds the only permit for 3 s: the second request surely arrives meanwhile.
    guardServer.guard(Duration.ofSeconds(3), 0.01);
    int limited = h.start(h.yaml("{}", """
        guard:
          remote: {url: "%s", format: llama-guard-2}
        limits: {max_concurrent_checks: 1, retry_after_seconds: 2}
        """.formatted(guardServer.url())), null).port();
    CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(
        () -> Client.post(limited, "/v1/chat/completions", Harness.chat("hi", false)));
    awaitRequests(guardServer, 1);
    HttpResponse<byte[]> second = Client.post(limited, "/v1/chat/completions",
        Harness.chat("hi", false));
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("retry-after")).hasValue("2");
    assertThat(first.get().statusCode()).isEqualTo(200);
  }

  @Test
  void shutdownLetsAStreamInFlightFinish() throws Exception {
    WardProxy proxy = WardProxy.builder(h.config(h.yaml("{}", ""))).codeShield(Harness.shield())
        .start();
    proxy.awaitReady(Duration.ofSeconds(30));
    h.openai.answer("word ".repeat(40)).chunks(5, Duration.ofMillis(10));
    CompletableFuture<HttpResponse<byte[]>> stream = CompletableFuture.supplyAsync(
        () -> Client.post(proxy.port(), "/v1/chat/completions", Harness.chat("hi", true)));
    awaitRequests(h.openai, 1);
    proxy.shutdown(Duration.ofSeconds(10));
    HttpResponse<byte[]> response = stream.get();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(h.openai.lastResponse().getBytes());
    assertThat(Client.text(response)).endsWith("data: [DONE]\n\n");
  }

  private static void awaitRequests(FakeLlm server, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.requests() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(server.requests()).isGreaterThanOrEqualTo(count);
  }
}
