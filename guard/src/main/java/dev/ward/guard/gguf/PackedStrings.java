package dev.ward.guard.gguf;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list of strings kept as their UTF-8 bytes in one array, decoded on each
 * {@link #get}. A vocabulary and its merges are some 400,000 strings: as separate objects they
 * would make up most of the heap's objects for as long as the file is open, and every young
 * collection during loading would copy them.
 */
final class PackedStrings extends AbstractList<String> implements RandomAccess {
  private final byte[] bytes;
  /** String {@code i} is {@code bytes[ends[i] .. ends[i + 1])}. */
  private final int[] ends;

  PackedStrings(byte[] bytes, int[] ends) {
    this.bytes = bytes;
    this.ends = ends;
  }

  @Override
  public String get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size() + " strings");
    }
    return new String(bytes, ends[index], ends[index + 1] - ends[index], StandardCharsets.UTF_8);
  }

  @Override
  public int size() {
    return ends.length - 1;
  }
}
