package dev.ward.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * serve-model under hostile or careless clients: a client that leaves mid-answer gives its slot
 * back at once, and a huge prompt does not stall the event loop for everyone else.
 */
class ModelServerLoadTest {
  /** A slot held by a generation that nobody reads: 2000 tokens take the fixture ~30 s. */
  private static final int LONG_ANSWER = 2000;

  private static ModelServer oneSlotServer() {
    return ModelServer.start(ModelServer.Options.builder(TestFixtures.model("tiny-llama3-q8_0.gguf"))
        .port(0).threads(1).maxBatch(1).queueCapacity(4).build());
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {true, false})
  void aClientThatLeavesMidAnswerFreesItsSlot(boolean stream) throws Exception {
    try (ModelServer server = oneSlotServer()) {
      URI base = server.baseUrl();
      String body = new JsonObject().put("max_tokens", LONG_ANSWER).put("temperature", 1)
          .put("seed", 7).put("stream", stream)
          .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
              .put("content", "Tell me a long story"))).encode();
      try (Socket socket = new Socket(base.getHost(), base.getPort())) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: "
            + "application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        if (stream) {
          // Leave once the answer is under way.
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
              StandardCharsets.UTF_8));
          for (String line; (line = in.readLine()) != null && !line.startsWith("data: "); ) {
            // headers
          }
        } else {
          Thread.sleep(500);
        }
      }
      // The one slot is free again at the next step: a one-token request does not wait for the
      // abandoned 2000-token answer (about 30 s on this machine).
      long start = System.nanoTime();
      var reply = TestFixtures.post(base, "/v1/completions", new JsonObject()
          .put("prompt", "<|begin_of_text|>Hi").put("max_tokens", 1).encode());
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(seconds).as("seconds waited for the slot").isLessThan(10);
    }
  }

  @Test
  void aHugePromptDoesNotBlockTheEventLoop() throws Exception {
    try (ModelServer server = ModelServer.start(ModelServer.Options.builder(
        TestFixtures.model("tiny-llama3-q8_0.gguf")).port(0).threads(1).build())) {
      URI base = server.baseUrl();
      // About 7 MB of text: seconds of tokenizing (it is then refused: far over the context).
      String huge = new JsonObject().put("prompt", "a".repeat(7_000_000)).put("max_tokens", 1)
          .encode();
      CompletableFuture<TestFixtures.Reply> big = CompletableFuture.supplyAsync(() ->
          TestFixtures.post(base, "/v1/completions", huge));
      Thread.sleep(700);
      var models = TestFixtures.get(base, "/v1/models");
      assertThat(models.status()).isEqualTo(200);
      assertThat(big).as("the huge prompt is still being read when /v1/models answers")
          .isNotDone();
      TestFixtures.Reply refused = big.get(60, TimeUnit.SECONDS);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().getJsonObject("error").getString("param")).isEqualTo("prompt");
      assertThat(refused.json().getJsonObject("error").getString("message")).contains("context");
    }
  }
}
