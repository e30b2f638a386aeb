package dev.ward.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFramerTest {
  private static final String STREAM = "event: a\ndata: {\"x\":1}\n\n: comment\r\ndata: two\r\ndata: lines\r\n\r\n"
      + "data: [DONE]\n\n";

  @Test
  void eventsAreCutAtBlankLinesWhateverTheChunking() {
    for (int size = 1; size <= STREAM.length(); size++) {
      SseFramer framer = new SseFramer(1 << 20);
      List<SseEvent> events = new ArrayList<>();
      for (int i = 0; i < STREAM.length(); i += size) {
        events.addAll(framer.feed(Buffer.buffer(STREAM.substring(i, Math.min(STREAM.length(), i + size)))));
      }
      assertThat(events).extracting(SseEvent::data).as("chunk size " + size)
          .containsExactly("{\"x\":1}", "two\nlines", "[DONE]");
      assertThat(events.get(0).event()).isEqualTo("a");
      StringBuilder raw = new StringBuilder();
      events.forEach(e -> raw.append(e.raw().toString()));
      assertThat(raw.toString()).isEqualTo(STREAM);
      assertThat(framer.rest().length()).isZero();
    }
  }

  @Test
  void aLoneCrEndsALineAsItDoesForTheClient() {
    // Clients cut "\r\r" into two events; so must Ward, or the second would go unread.
    String stream = "data: {\"a\":1}\r\rdata: {\"b\":2}\r\n\r\ndata\r\r";
    for (int size = 1; size <= stream.length(); size++) {
      SseFramer framer = new SseFramer(1 << 20);
      List<SseEvent> events = new ArrayList<>();
      StringBuilder raw = new StringBuilder();
      for (int i = 0; i < stream.length(); i += size) {
        for (SseEvent e : framer.feed(Buffer.buffer(stream.substring(i,
            Math.min(stream.length(), i + size))))) {
          events.add(e);
          raw.append(e.raw().toString());
        }
      }
      assertThat(events).extracting(SseEvent::data).as("chunk size " + size)
          .containsExactly("{\"a\":1}", "{\"b\":2}", "");
      assertThat(raw.toString() + framer.rest()).isEqualTo(stream);
    }
  }

  @Test
  void anUnfinishedEventIsLeftAsTheRest() {
    SseFramer framer = new SseFramer(1 << 20);
    assertThat(framer.feed(Buffer.buffer("data: partial"))).isEmpty();
    assertThat(framer.rest().toString()).isEqualTo("data: partial");
  }

  @Test
  void anEventPastTheLimitIsAnError() {
    SseFramer framer = new SseFramer(16);
    assertThatThrownBy(() -> framer.feed(Buffer.buffer("data: " + "x".repeat(32))))
        .hasMessageContaining("larger than 16 bytes");
  }
}
