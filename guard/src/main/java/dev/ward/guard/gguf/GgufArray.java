package dev.ward.guard.gguf;

import java.util.List;

/**
 * A metadata array. Numeric arrays keep a primitive array ({@code int[]} for integers of up to 32
 * bits but UINT32, {@code long[]} for UINT32 and 64-bit integers, {@code float[]},
 * {@code double[]}, {@code boolean[]}); string arrays a {@code List<String>}; arrays of arrays a
 * {@code List<GgufArray>}.
 */
public record GgufArray(String elementType, Object values, int length) {
  @SuppressWarnings("unchecked")
  public List<String> strings() {
    return (List<String>) values;
  }
}
