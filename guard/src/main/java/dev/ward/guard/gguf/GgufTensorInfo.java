package dev.ward.guard.gguf;

import dev.ward.guard.tensor.GgmlType;
import java.util.Arrays;

/**
 * One entry of the tensor directory. {@code dims[0]} is the innermost, contiguous dimension
 * (ggml's ne0): a 2-D weight has {@code dims[1]} rows of {@code dims[0]} elements each, stored
 * row-major. {@code offset} is relative to the start of the data section.
 */
public record GgufTensorInfo(String name, long[] dims, GgmlType type, long offset, long bytes) {
  public GgufTensorInfo {
    dims = dims.clone();
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  public int rank() {
    return dims.length;
  }

  public long dim(int i) {
    return i < dims.length ? dims[i] : 1;
  }

  public long elements() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** The shape as ggml prints it, innermost first: {@code [4096, 128256]}. */
  public String shape() {
    return Arrays.toString(dims);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GgufTensorInfo t && name.equals(t.name) && Arrays.equals(dims, t.dims)
        && type == t.type && offset == t.offset && bytes == t.bytes;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return name + " " + type + " " + shape();
  }
}
