package dev.ward.guard.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tokens of a byte-level BPE vocabulary by id: their bytes, their {@link TokenKind}, and the
 * reverse lookups encoding needs. Immutable once built.
 *
 * <p>All token bytes live back to back in one array, so 128k tokens cost a few arrays rather than
 * 128k objects, and the bytes-to-id lookup is an open-addressing table probed with a slice of the
 * caller's buffer, without allocating.
 */
final class Vocabulary {
  /** The most tokens a vocabulary may have; Llama 3 has 128,256. */
  static final int MAX_TOKENS = 1 << 20;
  /** The most bytes all tokens together may spell. */
  static final int MAX_TEXT_BYTES = 1 << 28;

  /**
   * Seeds the byte hash, so that a vocabulary file cannot be crafted offline to pile thousands of
   * tokens into one probe chain and make loading quadratic.
   */
  private static final int HASH_SEED = ThreadLocalRandom.current().nextInt();

  private final byte[] text;
  /** Token {@code id} spells {@code text[offsets[id], offsets[id + 1])}. */
  private final int[] offsets;
  private final TokenKind[] kinds;
  /** Normal tokens by their bytes: slots hold {@code id + 1}, or 0 when empty. */
  private final int[] normalIndex;
  private final int longestNormal;
  private final int[] byteTokens;
  /** Control and user-defined tokens by their text. */
  private final Map<String, Integer> specials;

  private Vocabulary(Builder builder) {
    this.text = Arrays.copyOf(builder.text, builder.textLength);
    this.offsets = Arrays.copyOf(builder.offsets, builder.size + 1);
    this.kinds = Arrays.copyOf(builder.kinds, builder.size);
    this.normalIndex = builder.normalIndex.clone();
    this.longestNormal = builder.longestNormal;
    this.specials = Map.copyOf(builder.specials);
    this.byteTokens = new int[256];
    byte[] single = new byte[1];
    for (int b = 0; b < 256; b++) {
      single[0] = (byte) b;
      byteTokens[b] = normalTokenId(single, 0, 1);
      if (byteTokens[b] < 0) {
        throw new IllegalArgumentException(String.format(
            "the vocabulary has no normal token for byte 0x%02X; byte-level BPE needs all 256", b));
      }
    }
  }

  int size() {
    return kinds.length;
  }

  /**
   * Returns {@code id}.
   *
   * @throws IllegalArgumentException naming the id and the vocabulary size when out of range
   */
  int checkId(int id) {
    if (id < 0 || id >= kinds.length) {
      throw new IllegalArgumentException(
          "token id " + id + " is out of range; the vocabulary has " + kinds.length + " tokens");
    }
    return id;
  }

  /** @throws IllegalArgumentException when {@code id} is out of range, as {@link #checkId} */
  TokenKind kind(int id) {
    return kinds[checkId(id)];
  }

  /** The normal token spelled by {@code bytes[from, from + length)}, or -1. */
  int normalTokenId(byte[] bytes, int from, int length) {
    if (length > longestNormal) {
      return -1;
    }
    int mask = normalIndex.length - 1;
    for (int slot = hash(bytes, from, length) & mask; ; slot = (slot + 1) & mask) {
      int id = normalIndex[slot] - 1;
      if (id < 0) {
        return -1;
      }
      if (spells(id, bytes, from, length)) {
        return id;
      }
    }
  }

  /** The normal token of the single byte {@code b} (0 to 255); every byte has one. */
  int byteToken(int b) {
    return byteTokens[b];
  }

  /** The length of what token {@code id} spells; the id must be in range. */
  int length(int id) {
    return offsets[id + 1] - offsets[id];
  }

  /** Copies what token {@code id} spells into {@code target} at {@code at}; the id must be in range. */
  void copyBytes(int id, byte[] target, int at) {
    System.arraycopy(text, offsets[id], target, at, length(id));
  }

  byte[] bytes(int id) {
    checkId(id);
    return Arrays.copyOfRange(text, offsets[id], offsets[id + 1]);
  }

  /** The token as a vocabulary file writes it: byte-level spelling for normal tokens, else raw. */
  String spelling(int id) {
    return kind(id) == TokenKind.NORMAL
        ? ByteLevel.encode(text, offsets[id], offsets[id + 1])
        : new String(text, offsets[id], length(id), StandardCharsets.UTF_8);
  }

  OptionalInt special(String tokenText) {
    Integer id = specials.get(tokenText);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** Control and user-defined tokens by their text. */
  Map<String, Integer> specials() {
    return specials;
  }

  /**
   * Whether decoding writes token {@code id}: normal and user-defined tokens always, control tokens
   * when asked to, unused ones never.
   */
  boolean isRendered(int id, boolean renderControl) {
    return switch (kind(id)) {
      case NORMAL, USER_DEFINED -> true;
      case CONTROL -> renderControl;
      case UNUSED -> false;
    };
  }

  private boolean spells(int id, byte[] bytes, int from, int length) {
    int start = offsets[id];
    return offsets[id + 1] - start == length
        && Arrays.equals(text, start, start + length, bytes, from, from + length);
  }

  private static int hash(byte[] bytes, int from, int length) {
    int h = HASH_SEED; // FNV-1a from a per-process basis
    for (int i = from; i < from + length; i++) {
      h = (h ^ (bytes[i] & 0xFF)) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  /** Adds tokens in id order; each {@link #add} validates what it can see so far. */
  static final class Builder {
    private byte[] text = new byte[1 << 16];
    private int textLength;
    private final int[] offsets;
    private final TokenKind[] kinds;
    private int size;
    private final int[] normalIndex;
    private int longestNormal;
    private final Map<String, Integer> specials = new HashMap<>();

    /** @throws IllegalArgumentException if {@code capacity} exceeds {@link #MAX_TOKENS} */
    Builder(int capacity) {
      if (capacity < 0 || capacity > MAX_TOKENS) {
        throw new IllegalArgumentException(
            "a vocabulary has at most " + MAX_TOKENS + " tokens; this one has " + capacity);
      }
      this.offsets = new int[capacity + 1];
      this.kinds = new TokenKind[capacity];
      // At most half full, so that probes stay short.
      this.normalIndex = new int[Integer.highestOneBit(Math.max(capacity, 1)) * 4];
    }

    /**
     * Adds the token with the next id.
     *
     * @throws IllegalArgumentException naming the token if it is empty, spells the same as an
     *     earlier normal token, or has the same text as an earlier control or user-defined token
     */
    Builder add(byte[] bytes, TokenKind kind) {
      int id = size;
      if (id == kinds.length) {
        throw new IllegalStateException("vocabulary builder is full at " + id + " tokens");
      }
      if (bytes.length == 0) {
        throw new IllegalArgumentException("token " + id + " is empty");
      }
      if (bytes.length > MAX_TEXT_BYTES - textLength) {
        throw new IllegalArgumentException(
            "the tokens spell more than " + MAX_TEXT_BYTES + " bytes together");
      }
      if (kind == TokenKind.NORMAL) {
        int earlier = indexNormal(id, bytes);
        if (earlier >= 0) {
          throw new IllegalArgumentException("token " + id + " ('"
              + ByteLevel.encode(bytes, 0, bytes.length) + "') repeats token " + earlier);
        }
        longestNormal = Math.max(longestNormal, bytes.length);
      } else if (kind != TokenKind.UNUSED) {
        String tokenText = new String(bytes, StandardCharsets.UTF_8);
        Integer earlier = specials.putIfAbsent(tokenText, id);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "token " + id + " ('" + tokenText + "') repeats token " + earlier);
        }
      }
      if (textLength + bytes.length > text.length) {
        text = Arrays.copyOf(text, Math.max(2 * text.length, textLength + bytes.length));
      }
      System.arraycopy(bytes, 0, text, textLength, bytes.length);
      textLength += bytes.length;
      kinds[id] = kind;
      offsets[id + 1] = textLength;
      size++;
      return this;
    }

    /**
     * The vocabulary of the tokens added so far.
     *
     * @throws IllegalArgumentException if some byte has no normal token of its own
     */
    Vocabulary build() {
      return new Vocabulary(this);
    }

    /** Records normal token {@code id}, or returns the earlier one that spells the same. */
    private int indexNormal(int id, byte[] bytes) {
      int mask = normalIndex.length - 1;
      for (int slot = hash(bytes, 0, bytes.length) & mask; ; slot = (slot + 1) & mask) {
        int earlier = normalIndex[slot] - 1;
        if (earlier < 0) {
          normalIndex[slot] = id + 1;
          return -1;
        }
        int start = offsets[earlier];
        if (Arrays.equals(text, start, offsets[earlier + 1], bytes, 0, bytes.length)) {
          return earlier;
        }
      }
    }
  }
}
