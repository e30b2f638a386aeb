package dev.ward.modelserver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixture models (skipping when absent) and a small HTTP client for the server. */
final class TestFixtures {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Reply get(URI base, String path) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
