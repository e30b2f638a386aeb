package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import java.lang.foreign.ValueLayout;

/**
 * Q8_0: blocks of 32 values, 34 bytes: {@code f16 d | int8 q[32]}; value = d * q.
 */
final class Q8_0Kernel implements RowKernel {
  private static final int QK = 32;
  private static final int BLOCK_BYTES = 34;

  @Override
  public GgmlType type() {
    return GgmlType.Q8_0;
  }

  @Override
  public void dequantize(MemorySegment src, long from, long rowBytes, int rows, int n,
      float[] dst, int dstOffset, int dstStride) {
    for (int r = 0; r < rows; r++) {
      dequantizeRow(src, from + r * rowBytes, dst, dstOffset + r * dstStride, n);
    }
  }

  private void dequantizeRow(MemorySegment src, long from, float[] dst, int dstOffset,
      int n) {
    int lanes = Kernels.F.length();
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      float d = Kernels.f16(src, block);
      int out = dstOffset + b * QK;
      for (int j = 0; j < QK; j += lanes) {
        Vectors.widen(Kernels.bytes(src, block + 2 + j)).mul(d).intoArray(dst, out + j);
      }
    }
  }

  @Override
  public void dotRows(MemorySegment src, long rowBytes, int n, int from, int to, float[] x,
      float[] out) {
    MemorySegment rows = RowKernel.slice(src, rowBytes, from, to);
    float[] sums = new float[2 * Kernels.F.length()];
    int half = (to - from + 1) / 2;
    for (int i = 0; i < half; i++) {
      int j = RowKernel.partner(i, half, to - from);
      dotPair(rows, i * (int) rowBytes, j * (int) rowBytes, x, n, sums);
      out[from + i] = Vectors.sum(sums, 0);
      out[from + j] = Vectors.sum(sums, Kernels.F.length());
    }
  }

  /**
   * The rows at byte offsets {@code a} and {@code b} of {@code rows} into {@code out[outA]} and
   * {@code out[outB]}, each block of both in one loop body: a block of each row in a method of
   * its own would pass the accumulators across calls, and C2 does not inline every such call.
   */
  private static void dotPair(MemorySegment rows, int a, int b, float[] x, int n, float[] sums) {
    FloatVector accA = FloatVector.zero(Kernels.F);
    FloatVector accB = accA;
    for (int block = 0; block < n / QK; block++) {
      int at = block * BLOCK_BYTES;
      float da = Kernels.f16(rows, a + at);
      float db = Kernels.f16(rows, b + at);
      for (int j = 0; j < QK; j += Kernels.F.length()) {
        FloatVector xs = FloatVector.fromArray(Kernels.F, x, block * QK + j);
        accA = Vectors.widen(Kernels.bytes(rows, a + at + 2 + j)).mul(da).fma(xs, accA);
        accB = Vectors.widen(Kernels.bytes(rows, b + at + 2 + j)).mul(db).fma(xs, accB);
      }
    }
    accA.intoArray(sums, 0);
    accB.intoArray(sums, Kernels.F.length());
  }

  @Override
  public void dequantizeReference(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      float d = Kernels.f16(src, block);
      for (int j = 0; j < QK; j++) {
        dst[dstOffset + b * QK + j] = d * src.get(ValueLayout.JAVA_BYTE, block + 2 + j);
      }
    }
  }
}
