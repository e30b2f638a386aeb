package dev.ward.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lines of a stream, as bytes, each at most {@code maxBytes} long: a line without an end (say,
 * {@code /dev/zero} on stdin) is never buffered whole. Line ends are {@code \n}; a {@code \r}
 * before it is dropped.
 */
final class LineReader {
  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;

  LineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** Thrown for a line longer than the limit: what follows it is not read. */
  static final class TooLong extends Exception {
    private static final long serialVersionUID = 1L;

    TooLong() {
      super(null, null, false, false);
    }
  }

  /** The next line, or null at the end of the stream. */
  byte[] next() throws IOException, TooLong {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? strip(line.toByteArray()) : null;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      line.write(buffer, start, position - start);
      if (line.size() > maxBytes) {
        throw new TooLong();
      }
      if (position < limit) {
        position++; // the \n
        return strip(line.toByteArray());
      }
    }
  }

  private static byte[] strip(byte[] line) {
    return line.length > 0 && line[line.length - 1] == '\r' ? java.util.Arrays.copyOf(line, line.length - 1) : line;
  }
}
