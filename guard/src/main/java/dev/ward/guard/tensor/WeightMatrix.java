package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;

/**
 * A 2-D weight tensor as stored in the model file: {@code rows} rows of {@code cols} values of
 * one {@link GgmlType}, row-major, read in place from the mapping. Immutable; shared by threads.
 */
public final class WeightMatrix {
  private final String name;
  private final GgmlType type;
  private final int rows;
  private final int cols;
  private final long rowBytes;
  private final MemorySegment data;
  private final RowKernel kernel;

  private WeightMatrix(String name, GgmlType type, int rows, int cols, MemorySegment data) {
    this.name = name;
    this.type = type;
    this.rows = rows;
    this.cols = cols;
    this.rowBytes = type.bytesFor(cols);
    this.data = data;
    this.kernel = Kernels.forType(type).orElseThrow(() -> new IllegalArgumentException(
        "tensor '" + name + "' has type " + type + ", which Ward cannot compute with yet"));
  }

  /** Views {@code data} as a matrix, checking the size and block alignment first. */
  public static WeightMatrix of(String name, GgmlType type, int rows, int cols, MemorySegment data) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("tensor '" + name + "' has shape " + rows + "x" + cols);
    }
    if (cols % type.blockSize() != 0) {
      throw new IllegalArgumentException("tensor '" + name + "' rows of " + cols
          + " values are not a multiple of " + type + "'s block size " + type.blockSize());
    }
    long expected = type.bytesFor(cols) * rows;
    if (data.byteSize() != expected) {
      throw new IllegalArgumentException("tensor '" + name + "' holds " + data.byteSize()
          + " bytes; " + rows + "x" + cols + " " + type + " needs " + expected);
    }
    return new WeightMatrix(name, type, rows, cols, data);
  }

  public String name() {
    return name;
  }

  public GgmlType type() {
    return type;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Writes row {@code row} as floats into {@code dst[offset .. offset + cols)}. */
  public void dequantizeRow(int row, float[] dst, int offset) {
    kernel.dequantize(data, row * rowBytes, rowBytes, 1, cols, dst, offset, cols);
  }

  /**
   * Writes values {@code [col, col + n)} of rows {@code row .. row + count} as floats into
   * {@code dst[offset + i * stride ..]} for row {@code row + i}; {@code col} and {@code n} are
   * multiples of the type's block size.
   */
  public void dequantizeTile(int row, int count, int col, int n, float[] dst, int offset,
      int stride) {
    kernel.dequantize(data, row * rowBytes + type.bytesFor(col), rowBytes, count, n, dst, offset,
        stride);
  }

  /** The dot products of rows {@code from .. to} with {@code x[0 .. cols)} into {@code out[from .. to)}. */
  public void dotRows(int from, int to, float[] x, float[] out) {
    int step = RowKernel.maxRows(rowBytes);
    for (int r = from; r < to; ) {
      int end = (int) Math.min(to, (long) r + step);
      kernel.dotRows(data, rowBytes, cols, r, end, x, out);
      r = end;
    }
  }

  /** The scalar twin of {@link #dequantizeRow}, for tests. */
  public void dequantizeRowReference(int row, float[] dst, int offset) {
    kernel.dequantizeReference(data, row * rowBytes, dst, offset, cols);
  }

  /** The whole matrix as floats; for small tensors (norm weights). */
  public float[] toFloats() {
    float[] all = new float[Math.multiplyExact(rows, cols)];
    for (int r = 0; r < rows; r++) {
      dequantizeRow(r, all, r * cols);
    }
    return all;
  }

  @Override
  public String toString() {
    return name + " " + type + " " + rows + "x" + cols;
  }
}
