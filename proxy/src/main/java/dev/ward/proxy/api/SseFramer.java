package dev.ward.proxy.api;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a {@code text/event-stream} body into events at blank lines (LF or CRLF line ends), as
 * chunks arrive. The raw bytes of the events, concatenated, are the input: nothing is re-encoded.
 * An event larger than the limit is an error rather than an unbounded buffer.
 */
public final class SseFramer {
  private final int maxEventBytes;
  private Buffer pending = Buffer.buffer();
  private int scanned;

  public SseFramer(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /** The events completed by this chunk. */
  public List<SseEvent> feed(Buffer chunk) {
    pending.appendBuffer(chunk);
    List<SseEvent> events = new ArrayList<>(2);
    int start = 0;
    int length = pending.length();
    for (int i = Math.max(scanned, 0); i < length; i++) {
      if (pending.getByte(i) != '\n') {
        continue;
      }
      int next = i + 1;
      if (next < length && pending.getByte(next) == '\r') {
        next++;
      }
      if (next < length && pending.getByte(next) == '\n') {
        events.add(parse(pending.getBuffer(start, next + 1)));
        start = next + 1;
        i = next;
      }
    }
    if (start > 0) {
      pending = pending.getBuffer(start, length);
    }
    // Re-scan the last two bytes next time: they may begin a blank line.
    scanned = Math.max(0, pending.length() - 2);
    if (pending.length() > maxEventBytes) {
      throw new IllegalStateException("an upstream event is larger than " + maxEventBytes
          + " bytes");
    }
    return events;
  }

  /** What is left at the end of the body: bytes of an event without its closing blank line. */
  public Buffer rest() {
    Buffer rest = pending;
    pending = Buffer.buffer();
    scanned = 0;
    return rest;
  }

  /** Parses the fields of one event; comments and unknown fields are kept only in the raw bytes. */
  static SseEvent parse(Buffer raw) {
    String text = raw.toString(StandardCharsets.UTF_8);
    String event = "";
    StringBuilder data = null;
    for (String line : text.split("\r?\n")) {
      if (line.startsWith("data:")) {
        String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      } else if (line.startsWith("event:")) {
        event = line.substring(line.length() > 6 && line.charAt(6) == ' ' ? 7 : 6);
      }
    }
    return new SseEvent(raw, event, data == null ? "" : data.toString());
  }
}
