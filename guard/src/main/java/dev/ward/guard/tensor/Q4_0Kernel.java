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
  public void dequantize(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
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
  public float dot(MemorySegment src, long from, float[] x, int xOffset, int n) {
    int lanes = Kernels.F.length();
    FloatVector acc = FloatVector.zero(Kernels.F);
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      float d = Kernels.f16(src, block);
      int xb = xOffset + b * QK;
      for (int j = 0; j < QK / 2; j += lanes) {
        ByteVector lo = Kernels.bytes(src, block + 2 + j).and((byte) 0x0F).sub((byte) 8);
        acc = Vectors.widen(lo).mul(d).fma(FloatVector.fromArray(Kernels.F, x, xb + j), acc);
      }
      for (int j = 0; j < QK / 2; j += lanes) {
        ByteVector hi = Vectors.highNibbles(Kernels.bytes(src, block + 2 + j)).sub((byte) 8);
        acc = Vectors.widen(hi).mul(d)
            .fma(FloatVector.fromArray(Kernels.F, x, xb + QK / 2 + j), acc);
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
      for (int j = 0; j < QK / 2; j++) {
        int q = Kernels.byteAt(src, block + 2 + j);
        dst[dstOffset + b * QK + j] = d * ((q & 0xF) - 8);
        dst[dstOffset + b * QK + j + QK / 2] = d * ((q >> 4) - 8);
      }
    }
  }
}
