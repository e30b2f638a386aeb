package dev.ward.guard.model;

import java.util.Arrays;

/**
 * Keys and values of past positions, per layer, in float32 (exact, unlike llama.cpp's F16
 * cache). Row {@code p} of a layer holds position {@code p}'s {@code kvDim} values. Capacity grows
 * by doubling up to the model's context length, so a short classification does not reserve the
 * memory of a full context.
 */
final class KvCache {
  private final int kvDim;
  private final int maxPositions;
  private float[][] keys;
  private float[][] values;
  private int capacity;

  KvCache(int layers, int kvDim, int maxPositions, int initialCapacity) {
    this.kvDim = kvDim;
    this.maxPositions = maxPositions;
    this.capacity = Math.min(Math.max(initialCapacity, 16), maxPositions);
    this.keys = new float[layers][capacity * kvDim];
    this.values = new float[layers][capacity * kvDim];
  }

  private KvCache(KvCache source, int capacity) {
    this.kvDim = source.kvDim;
    this.maxPositions = source.maxPositions;
    this.capacity = Math.max(capacity, 1);
    this.keys = new float[source.keys.length][];
    this.values = new float[source.values.length][];
    for (int layer = 0; layer < keys.length; layer++) {
      keys[layer] = Arrays.copyOf(source.keys[layer], capacity * kvDim);
      values[layer] = Arrays.copyOf(source.values[layer], capacity * kvDim);
    }
  }

  /**
   * A copy of the first {@code length} positions with room for {@code headroom} more, so that a
   * sequence resumed from a snapshot does not copy its cache again on its first step.
   */
  KvCache copy(int length, int headroom) {
    return new KvCache(this, (int) Math.min(maxPositions, (long) length + headroom));
  }

  void ensureCapacity(int positions) {
    if (positions <= capacity) {
      return;
    }
    if (positions > maxPositions) {
      throw new IllegalStateException("sequence of " + positions
          + " positions exceeds the model's context of " + maxPositions);
    }
    int grown = (int) Math.min(maxPositions, Math.max(positions, 2L * capacity));
    for (int layer = 0; layer < keys.length; layer++) {
      keys[layer] = Arrays.copyOf(keys[layer], grown * kvDim);
      values[layer] = Arrays.copyOf(values[layer], grown * kvDim);
    }
    capacity = grown;
  }

  float[] keys(int layer) {
    return keys[layer];
  }

  float[] values(int layer) {
    return values[layer];
  }

  long bytes() {
    return 2L * keys.length * capacity * kvDim * Float.BYTES;
  }
}
