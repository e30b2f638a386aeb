package dev.ward.proxy.api;

import io.vertx.core.buffer.Buffer;

/**
 * One server-sent event as it arrived: its exact bytes (blank line included), so an event let
 * through reaches the client unchanged, and its parsed {@code event:} name and {@code data:}
 * lines (joined with newlines).
 *
 * @param event the {@code event:} field, or empty
 * @param data the {@code data:} fields joined by newlines, or empty
 */
public record SseEvent(Buffer raw, String event, String data) {}
