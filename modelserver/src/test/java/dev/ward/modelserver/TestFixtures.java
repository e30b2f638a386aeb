package dev.ward.modelserver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The shared fixture models (skipping when absent) and a small HTTP client for the server. */
final class TestFixtures {
  /** Bounds every exchange, so a server that never answers fails its test instead of hanging it. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private TestFixtures() {}

  static Path model(String name) {
    Path file = Path.of(System.getProperty("ward.shared", "../shared")).toAbsolutePath()
        .normalize().resolve("fixtures/models").resolve(name);
    assumeTrue(Files.exists(file), "fixture model " + file + " not found; skipping");
    return file;
  }

  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  static Reply post(URI base, String path, String body) {
    return send("POST " + path, HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  static Reply get(URI base, String path) {
    return send("GET " + path, HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET()
        .build());
  }

  /**
   * Sends a request and waits for the whole response at most {@link #TIMEOUT} (the request's own
   * timeout covers only the wait for the headers; a body that never ends is bounded here).
   */
  private static Reply send(String what, HttpRequest request) {
    CompletableFuture<HttpResponse<String>> pending =
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> response = pending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new Reply(response.statusCode(), response.body());
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed", e.getCause());
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new AssertionError(what + " got no complete answer within " + TIMEOUT.toSeconds()
          + " s", e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
