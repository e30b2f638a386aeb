package dev.ward.proxy.pipeline;

import dev.ward.proxy.api.ApiFormat;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Forwards the request to the upstream API, the last stage of every pipeline: the client's bytes
 * as sent, its headers less hop-by-hop ones, its API key or the configured one. The answer comes
 * back as a {@link Body} that streams (paused until someone reads it); cancelling it resets the
 * upstream request, which is how a blocked prompt or a client that left stops the upstream's work.
 */
public final class UpstreamCall implements Stage {
  /** Headers that belong to one connection, not to the message (RFC 9110 section 7.6.1). */
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
      "host", "content-length");

  private final HttpClient client;
  private final Upstream upstream;
  private final boolean identityEncoding;

  /**
   * @param identityEncoding ask the upstream for an uncompressed answer (when Ward reads it)
   */
  public UpstreamCall(HttpClient client, Upstream upstream, boolean identityEncoding) {
    this.client = client;
    this.upstream = upstream;
    this.identityEncoding = identityEncoding;
  }

  @Override
  public Category category() {
    return Category.UPSTREAM;
  }

  @Override
  public Future<Reply> handle(Exchange exchange, Chain chain) {
    RequestOptions options = new RequestOptions()
        .setMethod(exchange.method())
        .setAbsoluteURI(upstream.resolve(exchange.uri()))
        .setConnectTimeout(upstream.connectTimeout().toMillis())
        .setIdleTimeout(upstream.idleTimeout().toMillis())
        .setHeaders(headers(exchange));
    long start = System.nanoTime();
    ApiFormat format = exchange.format();
    return client.request(options).compose(request -> {
      UpstreamBody[] body = new UpstreamBody[1];
      // Before the response, failures arrive through its future; after it, a broken connection
      // may be reported here only, and must end the body.
      request.exceptionHandler(error -> {
        if (body[0] != null) {
          body[0].failed(error);
        }
      });
      exchange.onCancel(request::reset);
      return request.send(exchange.body()).map(response -> {
        response.pause();
        exchange.upstreamNanos(System.nanoTime() - start);
        body[0] = new UpstreamBody(request, response, exchange.context().owner(),
            upstream.idleTimeout().toMillis());
        return new Reply(response.statusCode(), responseHeaders(response), body[0]);
      });
    }).recover(error -> Future.succeededFuture(failure(format, error)));
  }

  private MultiMap headers(Exchange exchange) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    exchange.headers().forEach(entry -> {
      if (!HOP_BY_HOP.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
        headers.add(entry.getKey(), entry.getValue());
      }
    });
    if (identityEncoding) {
      // Not just removed: without Accept-Encoding, any coding is acceptable (RFC 9110 12.5.3).
      headers.set("accept-encoding", "identity");
    }
    upstream.apiKey().ifPresent(key -> {
      headers.remove("authorization");
      headers.remove("x-api-key");
      exchange.format().injectKey(headers, key);
    });
    return headers;
  }

  private static MultiMap responseHeaders(HttpClientResponse response) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    response.headers().forEach(entry -> {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) || name.equals("content-length")) {
        headers.add(entry.getKey(), entry.getValue());
      }
    });
    return headers;
  }

  private Reply failure(ApiFormat format, Throwable error) {
    boolean timeout = error instanceof TimeoutException
        || error.getClass().getSimpleName().contains("Timeout");
    if (timeout) {
      return Refusals.error(format, 504, "api_error", "upstream_timeout", "the upstream '"
          + upstream.name() + "' did not answer within " + upstream.idleTimeout().toMillis() + " ms");
    }
    String why = error instanceof ConnectException ? "cannot connect" : "failed";
    return Refusals.error(format, 502, "api_error", "upstream_unavailable", "the upstream '"
        + upstream.name() + "' " + why + ": " + message(error));
  }

  static String message(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  /**
   * The upstream's response body, read on demand. Its own idle timer bounds the silence between
   * chunks (while the reader is not the one holding the flow back): a stalled stream fails
   * instead of hanging the client.
   */
  private static final class UpstreamBody implements Body {
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final io.vertx.core.Vertx vertx;
    private final long idleMillis;
    private Sink sink;
    private Throwable early;
    private boolean done;
    private boolean paused;
    private long timer = -1;

    UpstreamBody(HttpClientRequest request, HttpClientResponse response, io.vertx.core.Vertx vertx,
        long idleMillis) {
      this.request = request;
      this.response = response;
      this.vertx = vertx;
      this.idleMillis = idleMillis;
    }

    private void rearm() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (!done && !paused) {
        timer = vertx.setTimer(idleMillis, id -> {
          timer = -1;
          failed(new TimeoutException("the upstream sent nothing for " + idleMillis + " ms"));
          request.reset();
        });
      }
    }

    @Override
    public void start(Sink target) {
      sink = target;
      if (early != null) {
        failed(early);
        return;
      }
      response.handler(chunk -> {
        rearm();
        target.chunk(chunk);
      });
      response.endHandler(v -> {
        if (!done) {
          done = true;
          rearm();
          target.end();
        }
      });
      response.exceptionHandler(this::failed);
      rearm();
      response.resume();
    }

    void failed(Throwable error) {
      if (sink == null) {
        early = error;
      } else if (!done) {
        done = true;
        rearm();
        sink.fail(error);
      }
    }

    @Override
    public void pause() {
      paused = true;
      rearm();
      response.pause();
    }

    @Override
    public void resume() {
      paused = false;
      rearm();
      response.resume();
    }

    @Override
    public void cancel() {
      if (!done) {
        done = true;
        rearm();
        request.reset();
      }
    }
  }
}
