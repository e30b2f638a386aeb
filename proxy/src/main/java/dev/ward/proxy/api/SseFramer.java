package dev.ward.proxy.api;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a {@code text/event-stream} body into events at blank lines, as chunks arrive. The raw
 * bytes of the events, concatenated, are the input: nothing is re-encoded. An event larger than
 * the limit is an error rather than an unbounded buffer.
 *
 * <p>Lines end as the WHATWG server-sent events specification says: CRLF, LF or a lone CR. Ward
 * must cut exactly where the client will, or an event the client reads as two (a lone CR between
 * them) would be checked as one: the guard would see only what the first JSON value says, while
 * the client shows the second.
 */
public final class SseFramer {
  private final int maxEventBytes;
  private Buffer pending = Buffer.buffer();
  private int scanned;
  private int lineStart;
  /** The last byte seen was a CR: an LF right after it belongs to the same line end. */
  private boolean afterCr;

  public SseFramer(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /** The events completed by this chunk. */
  public List<SseEvent> feed(Buffer chunk) {
    pending.appendBuffer(chunk);
    List<SseEvent> events = new ArrayList<>(2);
    int start = 0;
    int length = pending.length();
    for (int i = scanned; i < length; i++) {
      byte b = pending.getByte(i);
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          lineStart = i + 1;
          continue;
        }
      }
      if (b != '\n' && b != '\r') {
        continue;
      }
      afterCr = b == '\r';
      boolean blank = i == lineStart;
      lineStart = i + 1;
      if (blank) {
        int end = i + 1;
        if (afterCr && end < length && pending.getByte(end) == '\n') {
          // Keep a CRLF blank line whole in this event's bytes.
          afterCr = false;
          end++;
          i++;
          lineStart = end;
        }
        events.add(parse(pending.getBuffer(start, end)));
        start = end;
      }
    }
    if (start > 0) {
      pending = pending.getBuffer(start, length);
      lineStart -= start;
    }
    scanned = pending.length();
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
    lineStart = 0;
    afterCr = false;
    return rest;
  }

  /** Parses the fields of one event; comments and unknown fields are kept only in the raw bytes. */
  public static SseEvent parse(Buffer raw) {
    String text = raw.toString(StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // as clients do at a stream's start, where a BOM may stand
    }
    String event = "";
    StringBuilder data = null;
    for (String line : text.split("\r\n|\r|\n")) {
      int colon = line.indexOf(':');
      if (colon == 0 || line.isEmpty()) {
        continue;
      }
      String name = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(
          colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1);
      if (name.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      } else if (name.equals("event")) {
        event = value;
      }
    }
    return new SseEvent(raw, event, data == null ? "" : data.toString());
  }
}
