package dev.ward.proxy.api;

import io.vertx.core.buffer.Buffer;

/**
 * One streamed answer in an API's event format: what text each event adds, and how to end the
 * stream well-formed when Ward stops it. Not thread-safe: one per response, used on its event loop.
 */
public interface AnswerStream {
  /** The answer text this event adds (empty for events that carry none). */
  String text(SseEvent event);

  /** Tells the stream that this event reached the client (its end events depend on what did). */
  void released(SseEvent event);

  /** The events that end the stream after the answer was blocked. */
  Buffer blocked();

  /** The events that end the stream after the upstream failed in the middle of it. */
  Buffer failed(String message);
}
