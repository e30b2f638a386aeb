package dev.ward.guard.tokenizer;

import java.util.Arrays;

/**
 * The mutable scratch of one {@link Tokenizer#encode} call: it splits text into pieces, turns each
 * piece into tokens with byte-pair merging, and collects the ids. Not thread-safe; the shared
 * {@link Vocabulary} and {@link MergeTable} are only read.
 *
 * <p>Per piece: the UTF-8 bytes of a piece that is itself a vocabulary entry become that token
 * without merging, as in Llama 3's reference tokenizer (merging would split " Việt", which is one
 * token, into two). Otherwise each
 * byte starts as its own token and the adjacent pair with the lowest merge rank is merged, leftmost
 * first among equal ranks, until no pair merges. The pairs wait in a binary min-heap keyed by
 * {@code rank << 32 | position}, which orders by rank then by position; a heap entry is dropped when
 * popped if its pair no longer exists or now has another rank. That makes a piece cost
 * O(n log n) for n bytes, which matters because one piece can be a megabyte of letters from an
 * attacker, where rescanning all pairs after each merge would be quadratic.
 *
 * <p>The arrays grow to the largest piece seen and are reused for every piece of the call.
 */
final class EncodeSession {
  private final Vocabulary vocabulary;
  private final MergeTable merges;

  private byte[] bytes = new byte[64];
  /** Per byte position: the token starting there, or -1 once merged into the token on its left. */
  private int[] symbols = new int[64];
  private int[] next = new int[64];
  private int[] previous = new int[64];
  private long[] heap = new long[64];
  private int heapSize;

  private int[] output = new int[64];
  private int outputSize;

  EncodeSession(Vocabulary vocabulary, MergeTable merges) {
    this.vocabulary = vocabulary;
    this.merges = merges;
  }

  /** Appends the tokens of {@code text[start, end)}, read as ordinary text. */
  void encodeText(String text, int start, int end) {
    for (int pieceStart = start; pieceStart < end; ) {
      int pieceEnd = Llama3PreTokenizer.pieceEnd(text, pieceStart, end);
      encodePiece(text, pieceStart, pieceEnd);
      pieceStart = pieceEnd;
    }
  }

  void append(int token) {
    if (outputSize == output.length) {
      output = Arrays.copyOf(output, 2 * outputSize);
    }
    output[outputSize++] = token;
  }

  int[] tokens() {
    return Arrays.copyOf(output, outputSize);
  }

  private void encodePiece(String text, int start, int end) {
    int length = utf8(text, start, end);
    int whole = vocabulary.normalTokenId(bytes, 0, length);
    if (whole >= 0) {
      append(whole);
      return;
    }
    mergePairs(length);
    for (int position = 0; position >= 0; position = next[position]) {
      append(symbols[position]);
    }
  }

  private void mergePairs(int length) {
    if (symbols.length < length) {
      int capacity = Math.max(length, 2 * symbols.length);
      symbols = new int[capacity];
      next = new int[capacity];
      previous = new int[capacity];
    }
    for (int i = 0; i < length; i++) {
      symbols[i] = vocabulary.byteToken(bytes[i] & 0xFF);
      previous[i] = i - 1;
      next[i] = i + 1 < length ? i + 1 : -1;
    }
    heapSize = 0;
    for (int i = 0; i + 1 < length; i++) {
      offerPair(i);
    }
    while (heapSize > 0) {
      long top = pollPair();
      int left = (int) top;
      int right = next[left];
      if (symbols[left] < 0 || right < 0) {
        continue;
      }
      long merge = merges.find(symbols[left], symbols[right]);
      if (merge == MergeTable.ABSENT || MergeTable.rank(merge) != (int) (top >>> 32)) {
        continue; // stale: one side has merged with something else since this pair was offered
      }
      symbols[left] = MergeTable.result(merge);
      symbols[right] = -1;
      next[left] = next[right];
      if (next[left] >= 0) {
        previous[next[left]] = left;
        offerPair(left);
      }
      if (previous[left] >= 0) {
        offerPair(previous[left]);
      }
    }
  }

  /** Queues the pair of the token at {@code left} and the one after it, if they merge. */
  private void offerPair(int left) {
    long merge = merges.find(symbols[left], symbols[next[left]]);
    if (merge == MergeTable.ABSENT) {
      return;
    }
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, 2 * heapSize);
    }
    long entry = ((long) MergeTable.rank(merge) << 32) | left;
    int child = heapSize++;
    while (child > 0) {
      int parent = (child - 1) >>> 1;
      if (heap[parent] <= entry) {
        break;
      }
      heap[child] = heap[parent];
      child = parent;
    }
    heap[child] = entry;
  }

  private long pollPair() {
    long top = heap[0];
    long last = heap[--heapSize];
    int parent = 0;
    while (true) {
      int child = 2 * parent + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
        child++;
      }
      if (last <= heap[child]) {
        break;
      }
      heap[parent] = heap[child];
      parent = child;
    }
    heap[parent] = last;
    return top;
  }

  /**
   * Writes the UTF-8 bytes of {@code text[start, end)} to {@link #bytes} and returns their count.
   * An unpaired surrogate becomes U+FFFD, as a UTF-8 encoder must not write it.
   */
  private int utf8(String text, int start, int end) {
    int worstCase = 3 * (end - start); // a surrogate pair is 2 chars and 4 bytes
    if (bytes.length < worstCase) {
      bytes = new byte[Math.max(worstCase, 2 * bytes.length)];
    }
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else if (c < 0x800) {
        bytes[n++] = (byte) (0xC0 | c >>> 6);
        bytes[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        n = utf8ThreeBytes(c, n);
      } else if (Character.isHighSurrogate(c) && i + 1 < end
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        bytes[n++] = (byte) (0xF0 | codePoint >>> 18);
        bytes[n++] = (byte) (0x80 | (codePoint >>> 12 & 0x3F));
        bytes[n++] = (byte) (0x80 | (codePoint >>> 6 & 0x3F));
        bytes[n++] = (byte) (0x80 | (codePoint & 0x3F));
      } else {
        n = utf8ThreeBytes('\uFFFD', n);
      }
    }
    return n;
  }

  private int utf8ThreeBytes(char c, int at) {
    bytes[at] = (byte) (0xE0 | c >>> 12);
    bytes[at + 1] = (byte) (0x80 | (c >>> 6 & 0x3F));
    bytes[at + 2] = (byte) (0x80 | (c & 0x3F));
    return at + 3;
  }
}
