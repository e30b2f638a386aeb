package dev.ward.proxy.server;

import dev.ward.proxy.pipeline.Body;
import dev.ward.proxy.pipeline.FixedBody;
import dev.ward.proxy.pipeline.Reply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes a {@link Reply} to the client: status, headers, then the body as it arrives, pausing
 * the source while the client's connection is backed up. A body already in memory goes out with
 * its length; a streamed one chunked (or with the upstream's length when it passed unchanged).
 */
final class Responder {
  private Responder() {}

  /** What was sent, for the access log and metrics. */
  record Outcome(int status, long bytes, Throwable error) {}

  static void send(HttpServerResponse response, Reply reply, Consumer<Outcome> done) {
    response.setStatusCode(reply.status());
    reply.headers().forEach(entry -> {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      if (!name.equals("transfer-encoding") && !name.equals("connection")) {
        response.headers().add(entry.getKey(), entry.getValue());
      }
    });
    if (reply.body() instanceof FixedBody fixed) {
      response.headers().remove("content-length");
      response.end(fixed.buffer());
      done.accept(new Outcome(reply.status(), fixed.buffer().length(), null));
      return;
    }
    if (!response.headers().contains("content-length")) {
      response.setChunked(true);
    }
    Body body = reply.body();
    body.start(new Body.Sink() {
      private long bytes;
      private boolean over;

      @Override
      public void chunk(Buffer chunk) {
        if (over) {
          return;
        }
        bytes += chunk.length();
        response.write(chunk);
        if (response.writeQueueFull()) {
          body.pause();
          response.drainHandler(v -> body.resume());
        }
      }

      @Override
      public void end() {
        if (!over) {
          over = true;
          response.end();
          done.accept(new Outcome(reply.status(), bytes, null));
        }
      }

      @Override
      public void fail(Throwable error) {
        if (!over) {
          over = true;
          // Mid-body, the status is sent: all that is left is to cut the response short.
          response.reset();
          done.accept(new Outcome(reply.status(), bytes, error));
        }
      }
    });
  }
}
