package dev.ward.proxy;

import static dev.ward.proxy.ScriptedUpstream.MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
