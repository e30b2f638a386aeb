package dev.ward.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.PromptFormat;
import dev.ward.guardrails.Guard;
import dev.ward.proxy.api.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy on the real classifier: the tiny Llama Guard 2 fixture scores short prompts at
 * P(unsafe) 0.6-0.9, so a threshold of 0.5 blocks and one of 0.99 allows. Its random weights
 * cannot write a category line, so the strict policy reads a malformed category line as a
 * warning (the unsafe score alone blocks), as a deployment that trusts the score might.
 */
class GuardEndToEndTest {
  private static Harness h;
  private static Guard guard;
  private static Guard lenientGuard;
  private static final String STRICT = "{threshold: 0.5, failures: {malformed: warn}}";
  private static int strict;
  private static int lenient;

  @BeforeAll
  static void start() {
    guard = Guard.load(Fixtures.guardModel(), LlamaGuard.Options.builder()
        .format(PromptFormat.llamaGuard2()).threshold(0.5).build());
    lenientGuard = Guard.load(Fixtures.guardModel(), LlamaGuard.Options.builder()
        .format(PromptFormat.llamaGuard2()).threshold(0.99).build());
    h = new Harness();
    strict = h.start(h.yaml(STRICT, ""), guard).port();
    lenient = h.start(h.yaml("{threshold: 0.99}", ""), lenientGuard).port();
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (guard != null) {
      guard.close();
    }
    if (lenientGuard != null) {
      lenientGuard.close();
    }
  }

  @BeforeEach
  void reset() {
    h.openai.reset().answer("Sure, here you go.");
    h.anthropic.reset().answer("Sure, here you go.");
  }

  @Test
  void aBlockedPromptGets400ContentFilterAndNeverReachesTheUpstream() {
    HttpResponse<byte[]> response = Client.post(strict, "/v1/chat/completions",
        Harness.chat("How do I hotwire a car?", false));
    assertThat(response.statusCode()).as(Client.text(response)).isEqualTo(400);
    JsonNode error = Json.parseOrNull(Client.text(response)).path("error");
    assertThat(error.path("code").asText()).isEqualTo("content_filter");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.has("categories")).isTrue();
    assertThat(response.headers().firstValue("x-ward-input-verdict").orElseThrow()).startsWith("block");
    assertThat(h.openai.requests()).isZero();

    HttpResponse<byte[]> anthropic = Client.post(strict, "/v1/messages",
        Harness.messages("How do I hotwire a car?", true));
    assertThat(anthropic.statusCode()).isEqualTo(400);
    JsonNode body = Json.parseOrNull(Client.text(anthropic));
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/code").asText()).isEqualTo("content_filter");
    assertThat(h.anthropic.requests()).isZero();
  }

  @Test
  void aPromptLargerThanTheGuardCanCheckIs413NotARetriable5xx() {
    HttpResponse<byte[]> response = Client.post(strict, "/v1/chat/completions",
        Harness.chat("word ".repeat(20_000), false));

    assertThat(response.statusCode()).as(Client.text(response)).isEqualTo(413);
    assertThat(Json.parseOrNull(Client.text(response)).at("/error/code").asText())
        .isEqualTo("prompt_too_large");
    assertThat(h.openai.requests()).isZero();
  }

  @Test
  void anAllowedPromptAndAnswerPassByteForByte() {
    HttpResponse<byte[]> response = Client.post(lenient, "/v1/chat/completions",
        Harness.chat("What is the capital of France?", false));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(h.openai.lastResponse().getBytes());
    assertThat(response.headers().firstValue("x-ward-input-verdict")).hasValue("allow");
    assertThat(response.headers().firstValue("x-ward-output-verdict")).hasValue("allow");

    HttpResponse<byte[]> stream = Client.post(lenient, "/v1/messages",
        Harness.messages("What is the capital of France?", true));
    assertThat(stream.body()).isEqualTo(h.anthropic.lastResponse().getBytes());
  }

  @Test
  void moderationsAnswerInOpenAisShape() {
    HttpResponse<byte[]> response = Client.post(strict, "/v1/moderations",
        "{\"input\": [\"I want to hurt someone\", \"hello\"]}");
    assertThat(response.statusCode()).as(Client.text(response)).isEqualTo(200);
    JsonNode body = Json.parseOrNull(Client.text(response));
    assertThat(body.path("results").size()).isEqualTo(2);
    JsonNode first = body.path("results").path(0);
    assertThat(first.path("flagged").asBoolean()).isTrue();
    assertThat(first.path("categories").size()).isEqualTo(13);
    assertThat(first.path("category_scores").has("violence")).isTrue();
    assertThat(first.at("/ward/unsafe_probability").asDouble()).isBetween(0.5, 1.0);

    JsonNode allowed = Json.parseOrNull(Client.text(Client.post(lenient, "/v1/moderations",
        "{\"input\": \"hello\"}"))).path("results").path(0);
    assertThat(allowed.path("flagged").asBoolean()).isFalse();
  }

  @Test
  void classifyAndScanEndpointsReturnDecisions() {
    JsonNode input = Json.parseOrNull(Client.text(Client.post(strict, "/v1/guard/classify",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")));
    assertThat(input.path("check").asText()).isEqualTo("input");
    assertThat(input.path("action").asText()).isEqualTo("block");
    assertThat(input.path("unsafe_probability").asDouble()).isBetween(0.5, 1.0);

    JsonNode output = Json.parseOrNull(Client.text(Client.post(lenient, "/v1/guard/classify",
        "{\"prompt\": \"hi\", \"answer\": \"hello there\"}")));
    assertThat(output.path("check").asText()).isEqualTo("output");
    assertThat(output.path("action").asText()).isEqualTo("allow");

    JsonNode scan = Json.parseOrNull(Client.text(Client.post(lenient, "/v1/codeshield/scan",
        "{\"code\": \"import os\\nos.system('rm -rf ' + input())\\n\", \"language\": \"python\"}")));
    assertThat(scan.path("blocked").asBoolean()).isTrue();
    assertThat(scan.at("/findings/0/cwe").asText()).isEqualTo("CWE-78");
  }

  @Test
  void concurrentInputCheckCancelsTheUpstreamCallWhenBlocked() {
    int concurrent = h.start(h.yaml(STRICT, ", input: concurrent", ""), guard).port();
    h.openai.chunks(2, java.time.Duration.ofMillis(20));
    HttpResponse<byte[]> response = Client.post(concurrent, "/v1/chat/completions",
        Harness.chat("How do I hotwire a car?", true));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Client.text(response)).doesNotContain("Sure");
  }

  @Test
  void shadowModeDecidesAndLogsButNeverBlocks() throws Exception {
    int shadow = h.start(h.yaml(STRICT, ", shadow: true", ""), guard).port();
    HttpResponse<byte[]> response = Client.post(shadow, "/v1/chat/completions",
        Harness.chat("How do I hotwire a car?", false), "authorization", "Bearer sk-secret-abcdefgh123");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(h.openai.lastResponse().getBytes());
    assertThat(response.headers().firstValue("x-ward-input-verdict").orElseThrow())
        .startsWith("block").endsWith("; shadow");
    String line = h.awaitAccessLogLine(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(line).contains("\"shadow\":true").contains("\"input\":{\"action\":\"block\"");
    assertThat(java.nio.file.Files.readString(h.accessLog()))
        .doesNotContain("sk-secret-abcdefgh123");
  }
}
