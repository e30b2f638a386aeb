package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ByteVector;

/**
 * Q4_0: blocks of 32 values, 18 bytes: {@code f16 d | u8 qs[16]}. Value {@code j < 16} is the low
 * nibble of {@code qs[j]}, value {@code j + 16} its high nibble; value = d * (nibble - 8).
 */
final class Q4_0Kernel implements RowKernel {
  private static final int QK = 32;
  private static final int BLOCK_BYTES = 18;

  @Override
  public GgmlType type() {
    return GgmlType.Q4_0;
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
      for (int j = 0; j < QK / 2; j += lanes) {
        ByteVector qs = Kernels.bytes(src, block + 2 + j);
        ByteVector lo = qs.and((byte) 0x0F).sub((byte) 8);
        ByteVector hi = Vectors.highNibbles(qs).sub((byte) 8);
        Vectors.widen(lo).mul(d).intoArray(dst, out + j);
        Vectors.widen(hi).mul(d).intoArray(dst, out + QK / 2 + j);
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

  /** Rows {@code a} and {@code b} as in {@link Q8_0Kernel}'s pair. */
  private static void dotPair(MemorySegment rows, int a, int b, float[] x, int n, float[] sums) {
    int lanes = Kernels.F.length();
    FloatVector accA = FloatVector.zero(Kernels.F);
    FloatVector accB = accA;
    for (int block = 0; block < n / QK; block++) {
      int at = block * BLOCK_BYTES;
      float da = Kernels.f16(rows, a + at);
      float db = Kernels.f16(rows, b + at);
      int xb = block * QK;
      for (int j = 0; j < QK / 2; j += lanes) {
        FloatVector xs = FloatVector.fromArray(Kernels.F, x, xb + j);
        accA = Vectors.widen(Kernels.bytes(rows, a + at + 2 + j).and((byte) 0x0F).sub((byte) 8))
            .mul(da).fma(xs, accA);
        accB = Vectors.widen(Kernels.bytes(rows, b + at + 2 + j).and((byte) 0x0F).sub((byte) 8))
            .mul(db).fma(xs, accB);
      }
      for (int j = 0; j < QK / 2; j += lanes) {
        FloatVector xs = FloatVector.fromArray(Kernels.F, x, xb + QK / 2 + j);
        accA = Vectors.widen(Vectors.highNibbles(Kernels.bytes(rows, a + at + 2 + j)).sub((byte) 8))
            .mul(da).fma(xs, accA);
        accB = Vectors.widen(Vectors.highNibbles(Kernels.bytes(rows, b + at + 2 + j)).sub((byte) 8))
            .mul(db).fma(xs, accB);
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
      for (int j = 0; j < QK / 2; j++) {
        int q = Kernels.byteAt(src, block + 2 + j);
        dst[dstOffset + b * QK + j] = d * ((q & 0xF) - 8);
        dst[dstOffset + b * QK + j + QK / 2] = d * ((q >> 4) - 8);
      }
    }
  }
}
