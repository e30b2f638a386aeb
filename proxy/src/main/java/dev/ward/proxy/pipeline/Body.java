package dev.ward.proxy.pipeline;

import io.vertx.core.buffer.Buffer;

/**
 * A response body arriving in chunks: the upstream's, or one a stage made from it. Push-based
 * with flow control, like a Vert.x {@code ReadStream}, but small enough that each stage's
 * contract is plain. Every method runs on the exchange's event loop.
 */
public interface Body {
  /** Starts the flow into {@code sink}; called once. */
  void start(Sink sink);

  /** Asks the source to stop sending for now (the client reads slower than the upstream writes). */
  void pause();

  void resume();

  /** Stops the body for good and releases what produces it (the upstream call). No end follows. */
  void cancel();

  /** Receives a body. */
  interface Sink {
    void chunk(Buffer chunk);

    void end();

    /** The body broke off (the upstream failed); no more calls follow. */
    void fail(Throwable error);
  }

  /** A body already in memory. */
  static Body of(Buffer buffer) {
    return new FixedBody(buffer);
  }
}
