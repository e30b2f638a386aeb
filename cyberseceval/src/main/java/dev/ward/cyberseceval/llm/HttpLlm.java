package dev.ward.cyberseceval.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * A model behind an HTTP API: one JSON POST per query, repeated with exponential backoff on
 * connection failures, timeouts, 429 and 5xx. Other 4xx answers are final. When the endpoint is
 * a Ward proxy, a refusal by the proxy (403, 451, or an error that says it blocked) is reported
 * as {@linkplain LlmException#blocked() blocked}, not as an outage.
 */
abstract class HttpLlm implements Llm {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final int MAX_MESSAGE = 300;

  private final HttpClient http;
  private final Backoff backoff;
  private final boolean behindProxy;
  private final String name;

  HttpLlm(String name, HttpClient http, Backoff backoff, boolean behindProxy) {
    this.name = name;
    this.http = http;
    this.backoff = backoff;
    this.behindProxy = behindProxy;
  }

  @Override
  public String name() {
    return name;
  }

  /** The request body for a query. */
  abstract JsonNode body(Query query);

  /** The endpoint and its headers (the key among them), without the body. */
  abstract HttpRequest.Builder request();

  /** The answer's text out of a 200 body. */
  abstract String answer(JsonNode body) throws LlmException;

  /** {@code base + path}, not doubling a {@code /v1} the base already ends with. */
  static URI endpoint(URI base, String path) {
    String b = base.toString().replaceAll("/+$", "");
    return URI.create(b.endsWith("/v1") ? b + path : b + "/v1" + path);
  }

  @Override
  public String query(Query query) throws LlmException, InterruptedException {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(body(query));
    } catch (IOException e) {
      throw new LlmException("cannot encode the request: " + e.getMessage());
    }
    String last = "no attempt";
    for (int attempt = 0; attempt < backoff.attempts(); attempt++) {
      Duration wait = backoff.delay(attempt);
      try {
        HttpResponse<byte[]> response = http.send(request().timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200) {
          return answer(parse(response.body()));
        }
        last = "HTTP " + status + serverMessage(response.body());
        if (status != 429 && status < 500) {
          boolean blocked = behindProxy && (status == 403 || status == 451
              || new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)
                  .toLowerCase(Locale.ROOT).contains("block"));
          throw new LlmException(name + ": " + last, blocked);
        }
        Duration planned = wait;
        wait = response.headers().firstValue("Retry-After").map(HttpLlm::seconds)
            .map(backoff::cap).filter(d -> d.compareTo(planned) > 0).orElse(planned);
      } catch (HttpTimeoutException e) {
        last = "no answer within " + TIMEOUT.toMinutes() + " minutes";
      } catch (IOException e) {
        last = "cannot reach the server: " + (e.getMessage() == null
            ? e.getClass().getSimpleName() : e.getMessage());
      }
      if (attempt + 1 < backoff.attempts()) {
        Thread.sleep(wait.toMillis());
      }
    }
    throw new LlmException(name + ": " + last + " (after " + backoff.attempts() + " attempts)");
  }

  private JsonNode parse(byte[] body) throws LlmException {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new LlmException(name + ": the server answered with invalid JSON");
    }
  }

  private static Duration seconds(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

  private static String serverMessage(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode error = json.path("error");
      String message = error.isTextual() ? error.asText() : error.path("message").asText("");
      if (message.isEmpty()) {
        return "";
      }
      return ": " + (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..."
          : message);
    } catch (IOException e) {
      return "";
    }
  }
}
