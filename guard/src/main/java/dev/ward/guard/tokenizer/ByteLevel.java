package dev.ward.guard.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's reversible spelling of bytes as printable characters, in which byte-level BPE
 * vocabularies write their tokens ({@code tokenizer.ggml.tokens}, {@code tokenizer.ggml.merges}):
 * {@code Ġ} is the space byte and {@code Ċ} the newline. The printable Latin-1 bytes ({@code !}
 * to {@code ~}, {@code ¡} to {@code ¬}, {@code ®} to {@code ÿ}) stand for themselves; the other 68
 * bytes map, in increasing order, to U+0100 onward. So every byte is one character and a vocabulary
 * string never contains a plain space, which is why merges can use one as their separator.
 */
final class ByteLevel {
  private static final char[] CHAR_OF_BYTE = new char[256];
  /** Indexed by character; -1 for characters that spell no byte. */
  private static final short[] BYTE_OF_CHAR = new short[256 + 68];

  static {
    Arrays.fill(BYTE_OF_CHAR, (short) -1);
    char next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      char c = printable ? (char) b : next++;
      CHAR_OF_BYTE[b] = c;
      BYTE_OF_CHAR[c] = (short) b;
    }
  }

  private ByteLevel() {}

  /** The vocabulary spelling of {@code bytes[from, to)}. */
  static String encode(byte[] bytes, int from, int to) {
    char[] chars = new char[to - from];
    for (int i = from; i < to; i++) {
      chars[i - from] = CHAR_OF_BYTE[bytes[i] & 0xFF];
    }
    return new String(chars);
  }

  /**
   * The bytes a vocabulary string spells.
   *
   * @throws IllegalArgumentException naming the first character that spells no byte
   */
  static byte[] decode(String spelled) {
    byte[] bytes = new byte[spelled.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = spelled.charAt(i);
      int b = c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
      if (b < 0) {
        throw new IllegalArgumentException(String.format(
            "character U+%04X at index %d is not a byte-level character", (int) c, i));
      }
      bytes[i] = (byte) b;
    }
    return bytes;
  }
}
