package dev.ward.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.proxy.api.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy with Code Shield only (no guard model), end to end on loopback: what the checks allow
 * passes byte for byte; insecure code in plain and streamed answers never reaches the client.
 */
class PassThroughAndCodeShieldTest {
  private static Harness h;
  private static int port;

  @BeforeAll
  static void start() {
    h = new Harness();
    port = h.start(h.yaml("{}", """
        passthrough:
          - {path: /v1/models, upstream: openai}
        """), null).port();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void reset() {
    h.openai.reset().answer("Hello! How can I help you today?");
    h.anthropic.reset().answer("Hello! How can I help you today?");
  }

  @Test
  void plainAnswerThatPassesIsByteIdenticalBothWays() {
    h.openai.answer(Harness.SAFE_CODE_ANSWER);
    String request = Harness.chat("sum a list", false);
    HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions", request,
        "authorization", "Bearer sk-client-key-123456");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(h.openai.lastResponse().getBytes());
    assertThat(h.openai.lastRequest().toString()).isEqualTo(request);
    assertThat(h.openai.lastHeaders().get("authorization")).isEqualTo("Bearer sk-client-key-123456");
    assertThat(response.headers().firstValue("x-ward-output-verdict")).hasValue("allow");
    assertThat(response.headers().firstValue("x-ward-input-verdict")).hasValue("none");
    assertThat(response.headers().firstValue("x-request-id")).isPresent();
  }

  @Test
  void streamsThatPassAreByteIdentical() {
    h.openai.answer(Harness.SAFE_CODE_ANSWER).chunks(5, Duration.ZERO);
    HttpResponse<byte[]> openai = Client.post(port, "/v1/chat/completions",
        Harness.chat("sum a list", true));
    assertThat(openai.statusCode()).isEqualTo(200);
    assertThat(openai.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(openai.headers().firstValue("x-ward-output-verdict")).hasValue("streamed");
    assertThat(openai.body()).isEqualTo(h.openai.lastResponse().getBytes());

    h.anthropic.answer(Harness.SAFE_CODE_ANSWER).chunks(7, Duration.ofMillis(1));
    HttpResponse<byte[]> anthropic = Client.post(port, "/v1/messages",
        Harness.messages("sum a list", true), "x-api-key", "client-anthropic-key");
    assertThat(anthropic.statusCode()).isEqualTo(200);
    assertThat(anthropic.body()).isEqualTo(h.anthropic.lastResponse().getBytes());
    assertThat(h.anthropic.lastHeaders().get("x-api-key")).isEqualTo("client-anthropic-key");

    HttpResponse<byte[]> completions = Client.post(port, "/v1/completions",
        "{\"model\":\"m\",\"prompt\":\"def f():\",\"stream\":true}");
    assertThat(completions.body()).isEqualTo(h.openai.lastResponse().getBytes());
  }

  @Test
  void modelsPassThroughAndUnknownPathsAreRefused() {
    HttpResponse<byte[]> models = Client.get(port, "/v1/models");
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.body()).isEqualTo(h.openai.lastResponse().getBytes());
    HttpResponse<byte[]> unknown = Client.get(port, "/v1/files");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Client.text(unknown)).contains("unknown_path");
  }

  @Test
  void insecureCodeInAPlainAnswerIsWithheld() {
    h.openai.answer(Harness.INSECURE_ANSWER);
    HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions",
        Harness.chat("delete a folder", false));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.parseOrNull(Client.text(response));
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
    assertThat(body.at("/choices/0/message/content").isNull()).isTrue();
    assertThat(Client.text(response)).doesNotContain("os.system").doesNotContain("rm -rf");
    assertThat(response.headers().firstValue("x-ward-output-verdict").orElseThrow())
        .startsWith("block; cwe=CWE-78");

    h.anthropic.answer(Harness.INSECURE_ANSWER);
    HttpResponse<byte[]> anthropic = Client.post(port, "/v1/messages",
        Harness.messages("delete a folder", false));
    JsonNode message = Json.parseOrNull(Client.text(anthropic));
    assertThat(message.path("stop_reason").asText()).isEqualTo("refusal");
    assertThat(message.path("content").size()).isZero();
    assertThat(Client.text(anthropic)).doesNotContain("os.system");
  }

  @Test
  void insecureCodeInAnOpenAiStreamNeverReachesTheClient() {
    // The upstream must outlast the check that blocks it (the block cancels it, so this stays
    // fast): about 10,000 characters in 3-character chunks every 2 ms.
    h.openai.answer(Harness.INSECURE_ANSWER + "More text follows. ".repeat(500))
        .chunks(3, Duration.ofMillis(2));
    HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions",
        Harness.chat("delete a folder", true));
    String text = Client.text(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(joinedContent(text)).doesNotContain("system(").doesNotContain("rm -rf");
    assertThat(text).endsWith("\"finish_reason\":\"content_filter\"}]}\n\ndata: [DONE]\n\n");
    awaitAborted(h.openai);
  }

  @Test
  void insecureCodeInAnAnthropicStreamEndsItWithTheProperStopEvents() {
    h.anthropic.answer(Harness.INSECURE_ANSWER + "More text follows. ".repeat(500))
        .chunks(4, Duration.ofMillis(2));
    HttpResponse<byte[]> response = Client.post(port, "/v1/messages",
        Harness.messages("delete a folder", true));
    String text = Client.text(response);
    assertThat(text).doesNotContain("system(").doesNotContain("rm -rf");
    assertThat(text).contains("event: message_start").contains("event: content_block_stop")
        .contains("\"stop_reason\":\"refusal\"");
    assertThat(text).endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    awaitAborted(h.anthropic);
  }

  @Test
  void codeBlocksAreReleasedOnlyWhenCheckedWhole() {
    // A clean block split over many tiny events: the client still gets it, byte for byte.
    h.openai.answer(Harness.SAFE_CODE_ANSWER + "\nDone.").chunks(1, Duration.ZERO);
    HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions",
        Harness.chat("sum", true));
    assertThat(response.body()).isEqualTo(h.openai.lastResponse().getBytes());
  }

  @Test
  void proseBeforeACodeBlockFlowsInWindowsAndTheBlockIsHeldUntilChecked() {
    int small = h.start(h.yaml("{}", ", streaming: {window_chars: 16, max_hold_ms: 50}", ""), null)
        .port();
    h.openai.answer(Harness.INSECURE_ANSWER).chunks(3, Duration.ofMillis(1));
    String text = Client.text(Client.post(small, "/v1/chat/completions",
        Harness.chat("delete a folder", true)));
    String content = joinedContent(text);
    // How much prose went out before the block depends on how fast checks keep up with the
    // stream; some did, and none of the block did.
    assertThat(content).isNotEmpty().doesNotContain("```").doesNotContain("system(");
    assertThat("Here is a script that deletes what the user names:\n\n").startsWith(content);
    assertThat(text).contains("content_filter");

    h.openai.answer(Harness.SAFE_CODE_ANSWER).chunks(2, Duration.ZERO);
    HttpResponse<byte[]> clean = Client.post(small, "/v1/chat/completions", Harness.chat("sum", true));
    assertThat(clean.body()).isEqualTo(h.openai.lastResponse().getBytes());
  }

  /** The text of an OpenAI stream's content deltas, joined. */
  static String joinedContent(String sse) {
    StringBuilder text = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode chunk = Json.parseOrNull(line.substring(6));
        text.append(chunk.at("/choices/0/delta/content").asText(""));
      }
    }
    return text.toString();
  }

  /** Waits for the upstream's cancel, sleeping between polls so the event loops keep the cores. */
  static void awaitAborted(dev.ward.proxy.bench.FakeLlm upstream) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (upstream.aborted() == 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the upstream's cancel", e);
      }
    }
    assertThat(upstream.aborted()).as("the upstream call was cancelled").isEqualTo(1);
  }
}
