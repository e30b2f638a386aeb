package dev.ward.guardrails;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs to an OpenAI-compatible {@code /v1/completions} endpoint: one JSON request, one JSON
 * answer, retried with exponential backoff and jitter on connection failures, timeouts, 429 and
 * 5xx. Cancelling the returned future cancels the attempt in flight. Answers over 4 MiB are
 * refused unread.
 */
final class CompletionsClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 4 << 20;
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

  private final URI endpoint;
  private final URI baseUrl;
  private final String model;
  private final String apiKey;
  private final Duration timeout;
  private final int retries;
  private final Duration backoff;
  private final HttpClient http;

  CompletionsClient(URI baseUrl, String model, String apiKey, Duration timeout, int retries,
      Duration backoff, HttpClient http) {
    this.baseUrl = baseUrl;
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base.endsWith("/v1") ? base + "/completions" : base + "/v1/completions");
    this.model = model;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.retries = retries;
    this.backoff = backoff;
    this.http = http;
  }

  URI baseUrl() {
    return baseUrl;
  }

  CompletableFuture<JsonNode> complete(ObjectNode body) {
    if (model != null) {
      body.put("model", model);
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    result.whenComplete((json, error) -> {
      CompletableFuture<?> attempt = inFlight.get();
      if (result.isCancelled() && attempt != null) {
        attempt.cancel(true);
      }
    });
    attempt(request.build(), 0, result, inFlight);
    return result;
  }

  private void attempt(HttpRequest request, int attempt, CompletableFuture<JsonNode> result,
      AtomicReference<CompletableFuture<?>> inFlight) {
    if (result.isDone()) {
      return;
    }
    CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info -> limited());
    inFlight.set(call);
    call.whenComplete((response, error) -> {
      if (result.isDone()) {
        return;
      }
      Retry retry = error != null ? onError(error) : onResponse(response, result);
      if (retry == null) {
        return;
      }
      if (attempt >= retries) {
        result.completeExceptionally(new GuardException(retry.kind(), retry.message()
            + (retries > 0 ? " (after " + (retries + 1) + " attempts)" : "")));
        return;
      }
      long base = backoff.toMillis() << Math.min(attempt, 16);
      long delay = Math.max(retry.after().toMillis(),
          base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
      CompletableFuture<Void> wait = new CompletableFuture<>();
      inFlight.set(wait);
      Deadlines.after(Duration.ofMillis(delay), () -> wait.complete(null));
      wait.thenRun(() -> attempt(request, attempt + 1, result, inFlight));
    });
  }

  /** Why an attempt is worth repeating, or null when the result is settled. */
  private record Retry(Failure.Kind kind, String message, Duration after) {}

  private Retry onError(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (e instanceof HttpTimeoutException) {
      return new Retry(Failure.Kind.TIMEOUT, "the guard server at " + baseUrl
          + " did not answer within " + timeout.toMillis() + " ms", Duration.ZERO);
    }
    if (e instanceof ConnectException || e instanceof IOException) {
      return new Retry(Failure.Kind.UNAVAILABLE, "cannot reach the guard server at " + baseUrl
          + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          Duration.ZERO);
    }
    return new Retry(Failure.Kind.ERROR, String.valueOf(e.getMessage()), Duration.ZERO);
  }

  private Retry onResponse(HttpResponse<byte[]> response, CompletableFuture<JsonNode> result) {
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      Duration after = response.headers().firstValue("Retry-After").map(CompletionsClient::seconds)
          .orElse(Duration.ZERO);
      return new Retry(status == 429 ? Failure.Kind.OVERLOADED : Failure.Kind.UNAVAILABLE,
          "the guard server at " + baseUrl + " answered HTTP " + status + serverMessage(response),
          after.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : after);
    }
    if (status != 200) {
      result.completeExceptionally(new GuardException(Failure.Kind.ERROR, "the guard server at "
          + baseUrl + " refused the request: HTTP " + status + serverMessage(response)));
      return null;
    }
    try {
      result.complete(JSON.readTree(response.body()));
    } catch (IOException e) {
      result.completeExceptionally(new GuardException(Failure.Kind.ERROR,
          "the guard server at " + baseUrl + " answered with invalid JSON"));
    }
    return null;
  }

  private static Duration seconds(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

  /** The server's own error message, if its body has one, cut short. */
  private static String serverMessage(HttpResponse<byte[]> response) {
    try {
      JsonNode json = JSON.readTree(response.body());
      String message = json.path("error").path("message").asText(json.path("error").asText(""));
      if (!message.isEmpty()) {
        return ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
      }
    } catch (IOException e) {
      // Not JSON: the status alone says enough.
    }
    return "";
  }

  /** A body subscriber that gives up past the size limit instead of buffering it all. */
  private static HttpResponse.BodySubscriber<byte[]> limited() {
    HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    return new HttpResponse.BodySubscriber<>() {
      private long received;
      private Flow.Subscription subscription;

      @Override
      public CompletionStage<byte[]> getBody() {
        return bytes.getBody();
      }

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        bytes.onSubscribe(s);
      }

      @Override
      public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
          received += item.remaining();
        }
        if (received > MAX_BODY_BYTES) {
          subscription.cancel();
          bytes.onError(new IOException("the answer is larger than " + MAX_BODY_BYTES + " bytes"));
          return;
        }
        bytes.onNext(items);
      }

      @Override
      public void onError(Throwable throwable) {
        bytes.onError(throwable);
      }

      @Override
      public void onComplete() {
        bytes.onComplete();
      }
    };
  }
}
