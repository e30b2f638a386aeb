package dev.ward.proxy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.proxy.api.Json;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * One JSON line per request, written by a background thread so the event loop never waits on a
 * disk or a pipe; when the queue is full, lines are dropped and counted rather than slowing
 * traffic. Entries hold no header and no body; free text (error messages, reasons) passes
 * through {@link #redact} first, which blanks anything shaped like a credential.
 */
final class AccessLog implements AutoCloseable {
  private static final Pattern SECRET = Pattern.compile(
      "(?i)(bearer\\s+)[^\\s\"',;]+|\\b(sk|pk|rk)-[A-Za-z0-9_\\-]{8,}|\\b(sk-ant-)[A-Za-z0-9_\\-]{8,}"
          + "|((?:api[_-]?key|token|secret|password)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;&]+");
  private static final ObjectNode STOP = Json.object();

  private final BlockingQueue<ObjectNode> queue = new ArrayBlockingQueue<>(8192);
  private final LongAdder dropped = new LongAdder();
  private final PrintStream out;
  private final Thread writer;

  private AccessLog(PrintStream out) {
    this.out = out;
    this.writer = out == null ? null : Thread.ofPlatform().daemon().name("ward-access-log")
        .start(this::drain);
  }

  /** {@code stdout}, {@code off}, or a file to append to. */
  static AccessLog open(String target) {
    return switch (target) {
      case "off" -> new AccessLog(null);
      case "stdout" -> new AccessLog(System.out);
      default -> {
        try {
          OutputStream file = new FileOutputStream(target, true);
          yield new AccessLog(new PrintStream(file, false, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot open the access log " + target + ": "
              + e.getMessage(), e);
        }
      }
    };
  }

  void log(ObjectNode entry) {
    if (out != null && !queue.offer(entry)) {
      dropped.increment();
    }
  }

  long dropped() {
    return dropped.sum();
  }

  /** Blanks credentials in free text: bearer tokens, {@code sk-...} keys, {@code api_key=...}. */
  static String redact(String text) {
    if (text == null) {
      return null;
    }
    return SECRET.matcher(text).replaceAll(m -> {
      if (m.group(1) != null) {
        return m.group(1) + "[redacted]";
      }
      if (m.group(4) != null) {
        return java.util.regex.Matcher.quoteReplacement(m.group(4)) + "[redacted]";
      }
      return "[redacted]";
    });
  }

  private void drain() {
    try {
      while (true) {
        ObjectNode entry = queue.poll(1, TimeUnit.SECONDS);
        if (entry == STOP) {
          break;
        }
        if (entry == null) {
          continue;
        }
        write(entry);
        // Write what else is waiting before flushing once.
        ObjectNode more;
        while ((more = queue.poll()) != null && more != STOP) {
          write(more);
        }
        out.flush();
        if (more == STOP) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }

  private void write(ObjectNode entry) {
    try {
      out.println(Json.MAPPER.writeValueAsString(entry));
    } catch (JsonProcessingException e) {
      out.println("{\"error\":\"unwritable access log entry\"}");
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      try {
        queue.put(STOP);
        writer.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (out != System.out) {
        out.flush();
      }
    }
  }
}
