package dev.ward.proxy.pipeline;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/** A body already in memory: the responder sends it with a {@code content-length}. */
public final class FixedBody implements Body {
  private final Buffer buffer;
  private boolean cancelled;

  FixedBody(Buffer buffer) {
    this.buffer = Objects.requireNonNull(buffer, "buffer");
  }

  public Buffer buffer() {
    return buffer;
  }

  @Override
  public void start(Sink sink) {
    if (!cancelled) {
      if (buffer.length() > 0) {
        sink.chunk(buffer);
      }
      sink.end();
    }
  }

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void cancel() {
    cancelled = true;
  }
}
