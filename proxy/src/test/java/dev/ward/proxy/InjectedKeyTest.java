package dev.ward.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A proxy that injects its own upstream key: the key goes to the configured upstream only, in
 * place of the client's, and never into a log or an error. Request targets that could send it
 * elsewhere, or reach a guarded path by a pass-through one, are refused.
 */
class InjectedKeyTest {
  private static final String KEY = "sk-injected-secret-0123456789";
  private static Harness h;
  private static ScriptedUpstream upstream;
  private static ScriptedUpstream elsewhere;
  private static int port;

  @BeforeAll
  static void start() {
    h = new Harness();
    upstream = new ScriptedUpstream(h.vertx);
    elsewhere = new ScriptedUpstream(h.vertx);
    port = h.start(h.yaml("{}", "").replace("openai: {url: \"" + h.openai.url() + "\"",
        "openai: {url: \"" + upstream.url() + "\", api_key: " + KEY), null).port();
  }

  @AfterAll
  static void stop() {
    upstream.close();
    elsewhere.close();
    h.close();
  }

  @BeforeEach
  void reset() {
    upstream.script(ScriptedUpstream.Script.of("application/json", "{\"object\":\"list\"}"));
    elsewhere.script(ScriptedUpstream.Script.of("application/json", "{}"));
  }

  @Test
  void theKeyReplacesTheClientsOnTheWayToTheConfiguredUpstream() {
    HttpResponse<byte[]> models = Client.get(port, "/v1/models");
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(upstream.lastHeaders().get("authorization")).isEqualTo("Bearer " + KEY);
  }

  @Test
  void aRequestTargetNamingAnotherHostNeverReachesIt() throws Exception {
    String other = elsewhere.url().substring("http://".length());
    for (String target : new String[] {"@" + other + "/x://y/v1/models",
        "http://" + other + "/v1/models"}) {
      String response = Client.raw(port, "GET " + target + " HTTP/1.1\r\nhost: ward\r\n"
          + "connection: close\r\n\r\n");
      assertThat(response).as(target).startsWith("HTTP/1.1 400").contains("invalid_path");
    }
    assertThat(elsewhere.requests()).isZero();
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void aGuardedPathCannotBeReachedThroughAPassThroughOne() throws Exception {
    String body = Harness.chat("hi", false);
    for (String path : new String[] {"/v1/models/../chat/completions",
        "/v1/models/%2e%2e/chat/completions"}) {
      String response = Client.rawPost(port, path, body);
      assertThat(response).as(path).startsWith("HTTP/1.1 400").contains("dot segment");
    }
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void aGuardedPathWithATrailingSlashIsRefused() throws Exception {
    String body = Harness.chat("hi", false);
    String response = Client.rawPost(port, "/v1/chat/completions/", body);

    assertThat(response).startsWith("HTTP/1.1 400").contains("trailing slash");
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void twoDifferentClientKeysAreRefused() throws Exception {
    String body = Harness.chat("hi", false);
    String response = Client.rawPost(port, "/v1/chat/completions", body,
        "authorization", "Bearer key-a", "x-api-key", "key-b");

    assertThat(response).startsWith("HTTP/1.1 400").contains("conflicting_api_keys")
        .doesNotContain("key-a").doesNotContain("key-b");
    assertThat(upstream.requests()).isZero();

    String twice = Client.rawPost(port, "/v1/chat/completions", body,
        "authorization", "Bearer key-a", "authorization", "Bearer key-b");
    assertThat(twice).startsWith("HTTP/1.1 400").contains("conflicting_api_keys");
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void theKeyIsInNoLogLine() throws Exception {
    Client.get(port, "/v1/models");
    upstream.script(new ScriptedUpstream.Script(401, java.util.Map.of("content-type",
        "application/json"), java.util.List.of(io.vertx.core.buffer.Buffer.buffer(
            "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"))));
    HttpResponse<byte[]> rejected = Client.post(port, "/v1/chat/completions",
        Harness.chat("hi", false));
    assertThat(rejected.statusCode()).isEqualTo(401);
    // This request (whose upstream error names the key) must be in the log before the check,
    // or the check could pass only because its line was not written yet.
    String line = h.awaitAccessLogLine(rejected.headers().firstValue("x-request-id").orElseThrow());
    assertThat(line).contains("\"status\":401");
    assertThat(Files.readString(h.accessLog())).doesNotContain(KEY);
  }
}
