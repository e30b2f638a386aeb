package dev.ward.proxy;

import static dev.ward.proxy.ScriptedUpstream.MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * In blocking mode no text reaches the client that the guard has not seen. The upstream here is
 * also the guard server, and the guard calls a text unsafe exactly when it holds
 * {@link ScriptedUpstream#MARKER}: each answer below hides the marker somewhere a client would
 * show it, so the marker reaching the client means the guard never saw it.
 */
class UncheckedTextTest {
  private static Harness h;
  private static ScriptedUpstream upstream;
  private static int port;

  @BeforeAll
  static void start() {
    h = new Harness();
    upstream = new ScriptedUpstream(h.vertx);
    String yaml = h.yaml("{}", """
        guard:
          remote: {url: "%s", format: llama-guard-2}
        """.formatted(upstream.url()))
        .replace(h.openai.url(), upstream.url()).replace(h.anthropic.url(), upstream.url());
    port = h.start(yaml, null).port();
  }

  @AfterAll
  static void stop() {
    upstream.close();
    h.close();
  }

  @Test
  void theGuardSeesTheMarkerInPlainContent() {
    String text = openAiStream(chunk("{\"content\":\"" + MARKER + "\"}"), "data: [DONE]\n\n");
    assertThat(text).doesNotContain(MARKER).contains("content_filter");
  }

  @Test
  void aLoneCrSplitsEventsForWardAsForTheClient() {
    String text = openAiStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}"
        + "\r\rdata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + MARKER + "\"}}]}\n\n",
        "data: [DONE]\n\n");
    assertThat(text).doesNotContain(MARKER).contains("content_filter");
  }

  @Test
  void aLastEventWithoutItsBlankLineIsCheckedAsTheEventItIs() {
    String text = openAiStream(chunk("{\"content\":\"Hi\"}"),
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + MARKER + "\"}}]}");
    assertThat(text).doesNotContain(MARKER).contains("content_filter");
  }

  @Test
  void aByteOrderMarkBeforeTheFirstEventHidesNothing() {
    String text = openAiStream("\uFEFF" + chunk("{\"content\":\"" + MARKER + "\"}"), "data: [DONE]\n\n");
    assertThat(text).doesNotContain(MARKER).contains("content_filter");
  }

  /** Deltas whose text is not in {@code content}: each holds the marker where a client shows it. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"function_call\":{\"name\":\"run\",\"arguments\":\"" + MARKER + "\"}}",
      "{\"reasoning_content\":\"" + MARKER + "\"}",
      "{\"audio\":{\"id\":\"a1\",\"transcript\":\"" + MARKER + "\"}}",
      "{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"" + MARKER + "\"}}]}"})
  void everyStreamedFieldIsChecked(String delta) {
    String text = openAiStream(chunk(delta), "data: [DONE]\n\n");
    assertThat(text).doesNotContain(MARKER).contains("content_filter");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"x\","
          + "\"arguments\":\"" + MARKER + "\"}}",
      "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"" + MARKER + "\"}]}",
      "{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning_content\":\"" + MARKER + "\"}"})
  void everyFieldOfAPlainAnswerIsChecked(String message) {
    upstream.script(ScriptedUpstream.Script.of("application/json", "{\"id\":\"c1\",\"choices\":"
        + "[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"stop\"}]}"));
    HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions",
        Harness.chat("hi", false));
    assertThat(Client.text(response)).doesNotContain(MARKER).contains("content_filter");
  }

  @Test
  void aWithheldAnswerKeepsNoneOfItsTextNotEvenInLogprobs() {
    upstream.script(ScriptedUpstream.Script.of("application/json", "{\"id\":\"c1\",\"choices\":"
        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + MARKER + "\"},"
        + "\"logprobs\":{\"content\":[{\"token\":\"" + MARKER + "\",\"logprob\":0}]},"
        + "\"finish_reason\":\"stop\"}]}"));
    HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions",
        Harness.chat("hi", false));
    assertThat(Client.text(response)).doesNotContain(MARKER).contains("content_filter");
  }

  /** Anthropic events that carry text outside text deltas. */
  @ParameterizedTest
  @ValueSource(strings = {
      // An answer that starts with content in message_start.
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
          + "\"text\":\"" + MARKER + "\"}]}}\n\n",
      // A tool call whose input comes whole in its start event.
      "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"run\","
          + "\"input\":{\"cmd\":\"" + MARKER + "\"}}}\n\n",
      // A block type Ward has no rule for (search results).
      "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"web_search_tool_result\",\"content\":[{\"type\":"
          + "\"web_search_result\",\"title\":\"" + MARKER + "\"}]}}\n\n",
      // A delta type Ward has no rule for.
      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"fancy_delta\",\"fancy\":\"" + MARKER + "\"}}\n\n",
      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"" + MARKER + "\"}}\n\n"})
  void everyAnthropicEventIsChecked(String event) {
    upstream.script(ScriptedUpstream.Script.of("text/event-stream", event,
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    HttpResponse<byte[]> response = Client.post(port, "/v1/messages",
        Harness.messages("hi", true));
    assertThat(Client.text(response)).doesNotContain(MARKER).contains("\"stop_reason\":\"refusal\"");
  }

  /**
   * An upstream may compress an answer even unasked (no Accept-Encoding means any coding will
   * do): Ward cannot read a compressed answer, so it refuses it rather than pass it unchecked.
   */
  @Test
  void aCompressedAnswerIsRefusedNotPassedUnchecked() throws Exception {
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (var gzip = new java.util.zip.GZIPOutputStream(zipped)) {
      gzip.write((chunk("{\"content\":\"" + MARKER + "\"}") + "data: [DONE]\n\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    for (String type : new String[] {"text/event-stream", "application/json"}) {
      upstream.script(new ScriptedUpstream.Script(200, java.util.Map.of("content-type", type,
          "content-encoding", "gzip"), java.util.List.of(io.vertx.core.buffer.Buffer.buffer(
              zipped.toByteArray()))));
      HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions",
          Harness.chat("hi", type.equals("text/event-stream")));
      assertThat(response.statusCode()).as(type).isEqualTo(502);
      assertThat(response.headers().firstValue("content-encoding")).isEmpty();
      assertThat(Client.text(response)).contains("content-encoding gzip");
      assertThat(upstream.lastHeaders().get("accept-encoding")).isEqualTo("identity");
    }
  }

  static String chunk(String delta) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n";
  }

  private static String openAiStream(String... events) {
    upstream.script(ScriptedUpstream.Script.of("text/event-stream", events));
    HttpResponse<byte[]> response = Client.post(port, "/v1/chat/completions",
        Harness.chat("hi", true));
    assertThat(response.statusCode()).isEqualTo(200);
    return Client.text(response);
  }
}
