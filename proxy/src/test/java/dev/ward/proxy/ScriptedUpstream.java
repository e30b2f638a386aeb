package dev.ward.proxy;

import dev.ward.proxy.bench.FakeLlm;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback upstream that answers with exactly the bytes a test scripts (status, headers, body
 * chunks), for answers {@link FakeLlm} would never write: odd line ends,
 * unusual fields, compressed bodies. It is also a Llama Guard server whose verdict depends on the
 * content: a prompt holding {@link #MARKER} is unsafe, anything else safe. So a test can tell
 * whether the guard saw a piece of text: if the marker reached the client, it did not.
 */
final class ScriptedUpstream implements AutoCloseable {
  static final String MARKER = "FORBIDDEN";

  /** One scripted response: {@code chunks} are written one after the other. */
  record Script(int status, Map<String, String> headers, List<Buffer> chunks) {
    static Script of(String contentType, String... chunks) {
      return new Script(200, Map.of("content-type", contentType),
          java.util.Arrays.stream(chunks).map(Buffer::buffer).toList());
    }
  }

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Script script = Script.of("application/json", "{}");
  private volatile MultiMap lastHeaders = MultiMap.caseInsensitiveMultiMap();

  ScriptedUpstream(Vertx vertx) {
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
        .requestHandler(this::handle);
    try {
      server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("scripted upstream cannot listen: " + e, e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  ScriptedUpstream script(Script value) {
    script = value;
    requests.set(0);
    return this;
  }

  int requests() {
    return requests.get();
  }

  MultiMap lastHeaders() {
    return lastHeaders;
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      String text = body.toString(StandardCharsets.UTF_8);
      HttpServerResponse response = request.response();
      if (request.path().equals("/v1/completions") && text.contains("\"logprobs\"")) {
        response.putHeader("content-type", "application/json")
            .end(FakeLlm.guardAnswer(text.contains(MARKER) ? 0.99 : 0.01));
        return;
      }
      requests.incrementAndGet();
      lastHeaders = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
      Script s = script;
      response.setStatusCode(s.status()).setChunked(true);
      s.headers().forEach(response::putHeader);
      write(response, s, 0);
    });
  }

  private void write(HttpServerResponse response, Script s, int index) {
    if (response.closed()) {
      return;
    }
    if (index == s.chunks().size()) {
      response.end();
      return;
    }
    response.write(s.chunks().get(index));
    write(response, s, index + 1);
  }

  @Override
  public void close() {
    server.close();
  }
}
