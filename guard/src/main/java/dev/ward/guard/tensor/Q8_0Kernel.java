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
  public void dequantize(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
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
  public float dot(MemorySegment src, long from, float[] x, int xOffset, int n) {
    FloatVector acc = FloatVector.zero(Kernels.F);
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      float d = Kernels.f16(src, block);
      int xb = xOffset + b * QK;
      for (int j = 0; j < QK; j += Kernels.F.length()) {
        acc = Vectors.widen(Kernels.bytes(src, block + 2 + j)).mul(d)
            .fma(FloatVector.fromArray(Kernels.F, x, xb + j), acc);
      }
    }
    return Vectors.sum(acc);
  }

  @Override
  public void dotRows(MemorySegment src, long rowBytes, int n, int from, int to, float[] x,
      float[] out) {
    for (int r = from; r < to; r++) {
      out[r] = dot(src, r * rowBytes, x, 0, n);
    }
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
