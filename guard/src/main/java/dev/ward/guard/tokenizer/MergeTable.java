package dev.ward.guard.tokenizer;

import java.util.Arrays;

/**
 * The BPE merge rules: for a pair of adjacent tokens, the token they merge into and the rank of
 * that merge (lower merges first). Immutable once built.
 *
 * <p>This lookup runs for every adjacent pair on the encoding hot path, so it is an open-addressing
 * table over primitive longs rather than a map of boxed or string keys: the key packs the two
 * token ids, the value packs the rank and the merged id, and a probe touches one cache line.
 */
final class MergeTable {
  /** The most merges a vocabulary may declare; Llama 3 has 280,147. */
  static final int MAX_MERGES = 1 << 21;
  /** What {@link #find} returns for a pair that does not merge. */
  static final long ABSENT = -1;

  private static final long EMPTY = -1;

  /** Key at {@code 2 * slot}, value at {@code 2 * slot + 1}; empty slots hold {@link #EMPTY}. */
  private final long[] slots;
  private final int mask;
  private final int size;

  private MergeTable(long[] slots, int size) {
    this.slots = slots;
    this.mask = slots.length / 2 - 1;
    this.size = size;
  }

  /**
   * The merge of {@code left} followed by {@code right}, to be unpacked with {@link #rank} and
   * {@link #result}, or {@link #ABSENT}.
   */
  long find(int left, int right) {
    long key = key(left, right);
    for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
      long found = slots[2 * slot];
      if (found == key) {
        return slots[2 * slot + 1];
      }
      if (found == EMPTY) {
        return ABSENT;
      }
    }
  }

  static int rank(long merge) {
    return (int) (merge >>> 32);
  }

  static int result(long merge) {
    return (int) merge;
  }

  int size() {
    return size;
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | right;
  }

  private static int slot(long key, int mask) {
    // Fibonacci hashing: the high bits of the product mix both token ids.
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }

  /** Collects merges; the table grows as needed, so the count need not be known up front. */
  static final class Builder {
    private long[] slots = emptySlots(1 << 10);
    private int size;

    /**
     * Adds a merge of two non-negative token ids.
     *
     * @return the merge already recorded for this pair (which is kept), or {@link #ABSENT}
     * @throws IllegalArgumentException past {@link #MAX_MERGES}
     */
    long add(int left, int right, int rank, int result) {
      if (size == MAX_MERGES) {
        throw new IllegalArgumentException("more than " + MAX_MERGES + " merges");
      }
      if (2 * (size + 1) > slots.length / 2) {
        slots = rehash(slots, 2 * slots.length);
      }
      long key = key(left, right);
      int mask = slots.length / 2 - 1;
      for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
        long found = slots[2 * slot];
        if (found == key) {
          return slots[2 * slot + 1];
        }
        if (found == EMPTY) {
          slots[2 * slot] = key;
          slots[2 * slot + 1] = ((long) rank << 32) | result;
          size++;
          return ABSENT;
        }
      }
    }

    /** The table; the builder must not be used afterwards. */
    MergeTable build() {
      MergeTable table = new MergeTable(slots, size);
      slots = null;
      return table;
    }

    private static long[] rehash(long[] old, int newLength) {
      long[] grown = emptySlots(newLength);
      int mask = newLength / 2 - 1;
      for (int i = 0; i < old.length; i += 2) {
        if (old[i] != EMPTY) {
          int slot = slot(old[i], mask);
          while (grown[2 * slot] != EMPTY) {
            slot = (slot + 1) & mask;
          }
          grown[2 * slot] = old[i];
          grown[2 * slot + 1] = old[i + 1];
        }
      }
      return grown;
    }

    private static long[] emptySlots(int length) {
      long[] slots = new long[length];
      Arrays.fill(slots, EMPTY);
      return slots;
    }
  }
}
