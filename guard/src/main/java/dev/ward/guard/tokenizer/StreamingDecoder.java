package dev.ward.guard.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one generated sequence a token at a time, for streaming. A token can end in the middle of
 * a character (an emoji is often three tokens), so {@link #next} returns only the text whose bytes
 * are complete and holds the rest back for the tokens that follow. Concatenating everything
 * {@link #next} and {@link #finish} return gives {@link Tokenizer#decode(int[], boolean)} of the
 * whole sequence.
 *
 * <p>Mutable and not thread-safe: use one per sequence, from {@link Tokenizer#streamingDecoder()}.
 */
public final class StreamingDecoder {
  private final Vocabulary vocabulary;
  private final boolean renderControl;
  private byte[] pending = new byte[16];
  private int pendingLength;

  StreamingDecoder(Vocabulary vocabulary, boolean renderControl) {
    this.vocabulary = vocabulary;
    this.renderControl = renderControl;
  }

  /**
   * Takes the next token and returns the text it completes, possibly empty. Bytes that are not
   * valid UTF-8 and cannot become valid with more bytes come out as U+FFFD.
   *
   * @throws IllegalArgumentException naming an id out of range and the vocabulary size; the
   *     decoder is unchanged
   */
  public String next(int id) {
    if (!vocabulary.isRendered(id, renderControl)) {
      return "";
    }
    int length = vocabulary.length(id);
    if (pendingLength + length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(2 * pending.length, pendingLength + length));
    }
    vocabulary.copyBytes(id, pending, pendingLength);
    pendingLength += length;
    int complete = completeLength(pending, pendingLength);
    String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
    pendingLength -= complete;
    System.arraycopy(pending, complete, pending, 0, pendingLength);
    return text;
  }

  /**
   * Returns what is held back, an unfinished character as U+FFFD, and makes the decoder ready for
   * a new sequence. Never throws.
   */
  public String finish() {
    String text = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
    pendingLength = 0;
    return text;
  }

  /**
   * The length of the longest prefix of {@code bytes[0, length)} that more bytes cannot change:
   * all of it, unless it ends in a lead byte followed by fewer continuation bytes than the lead
   * announces. Holding back a sequence that turns out invalid is harmless (it is replaced once the
   * next byte arrives); passing on one that is still completing would split a character.
   */
  static int completeLength(byte[] bytes, int length) {
    for (int back = 1; back <= Math.min(3, length); back++) {
      int b = bytes[length - back] & 0xFF;
      if (b >= 0x80 && b < 0xC0) {
        continue; // a continuation byte: look further back for its lead
      }
      int announced = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return announced > back ? length - back : length;
    }
    return length;
  }
}
