package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q5_K: Q4_K plus a fifth bit per value, 176 bytes:
 * {@code f16 d | f16 dmin | u8 scales[12] | u8 qh[32] | u8 qs[128]}. For the 32-byte chunk
 * {@code c} of {@code qs}, bit {@code 2c} of {@code qh[l]} adds 16 to the low-nibble value
 * {@code l} and bit {@code 2c + 1} to the high-nibble one. Value = d * scale * q - dmin * min,
 * one fused multiply-add as in {@link Q4KKernel}.
 */
final class Q5KKernel implements RowKernel {
  private static final int QK = 256;
  private static final int BLOCK_BYTES = 176;

  @Override
  public GgmlType type() {
    return GgmlType.Q5_K;
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
    float[] scales = new float[16];
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      Kernels.unpackScales(src, block, scales, 0);
      long qh = block + 16;
      long qs = block + 48;
      int out = dstOffset + b * QK;
      for (int c = 0; c < 4; c++) {
        float d1 = scales[2 * c];
        float m1 = scales[8 + 2 * c];
        float d2 = scales[2 * c + 1];
        float m2 = scales[9 + 2 * c];
        for (int l = 0; l < 32; l += lanes) {
          ByteVector q = Kernels.bytes(src, qs + c * 32 + l);
          ByteVector h = Kernels.bytes(src, qh + l);
          ByteVector loHigh = h.lanewise(VectorOperators.ASHR, 2 * c).and((byte) 1)
              .lanewise(VectorOperators.LSHL, 4);
          ByteVector hiHigh = h.lanewise(VectorOperators.ASHR, 2 * c + 1).and((byte) 1)
              .lanewise(VectorOperators.LSHL, 4);
          Vectors.widen(q.and((byte) 0x0F).or(loHigh)).fma(d1, m1)
              .intoArray(dst, out + c * 64 + l);
          Vectors.widen(q.lanewise(VectorOperators.ASHR, 4).and((byte) 0x0F).or(hiHigh))
              .fma(d2, m2).intoArray(dst, out + c * 64 + 32 + l);
        }
      }
    }
  }

  @Override
  public void dotRows(MemorySegment src, long rowBytes, int n, int from, int to, float[] x,
      float[] out) {
    MemorySegment rows = RowKernel.slice(src, rowBytes, from, to);
    float[] sums = new float[2 * Kernels.F.length()];
    float[] scales = new float[Kernels.HEADER_GROUP * 32];
    int blocks = n / QK;
    int half = (to - from + 1) / 2;
    for (int i = 0; i < half; i++) {
      int j = RowKernel.partner(i, half, to - from);
      int a = i * (int) rowBytes;
      int b = j * (int) rowBytes;
      Arrays.fill(sums, 0f);
      for (int first = 0; first < blocks; first += Kernels.HEADER_GROUP) {
        int end = Math.min(blocks, first + Kernels.HEADER_GROUP);
        Kernels.unpackScales(rows, a + first * BLOCK_BYTES, b + first * BLOCK_BYTES, end - first,
            BLOCK_BYTES, scales);
        dotPair(rows, a, b, x, first, end, sums, scales);
      }
      out[from + i] = Vectors.sum(sums, 0);
      out[from + j] = Vectors.sum(sums, Kernels.F.length());
    }
  }

  /** Rows {@code a} and {@code b} as in {@link Q8_0Kernel}'s pair. */
  private static void dotPair(MemorySegment rows, int a, int b, float[] x, int first, int end,
      float[] sums, float[] scales) {
    int lanes = Kernels.F.length();
    FloatVector accA = FloatVector.fromArray(Kernels.F, sums, 0);
    FloatVector accB = FloatVector.fromArray(Kernels.F, sums, lanes);
    for (int block = first; block < end; block++) {
      int at = block * BLOCK_BYTES;
      int xb = block * QK;
      int sb = (block - first) * 32;
      for (int c = 0; c < 4; c++) {
        for (int half = 0; half < 2; half++) {
          int j = sb + 2 * c + half;
          float scaleA = scales[j];
          float offsetA = scales[j + 8];
          float scaleB = scales[j + 16];
          float offsetB = scales[j + 24];
          for (int l = 0; l < 32; l += lanes) {
            FloatVector xs = FloatVector.fromArray(Kernels.F, x, xb + c * 64 + half * 32 + l);
            accA = Vectors.widen(value(rows, a + at, c, half, l)).fma(scaleA, offsetA)
                .fma(xs, accA);
            accB = Vectors.widen(value(rows, b + at, c, half, l)).fma(scaleB, offsetB)
                .fma(xs, accB);
          }
        }
      }
    }
    accA.intoArray(sums, 0);
    accB.intoArray(sums, lanes);
  }

  /**
   * The 5-bit values {@code l ..} of the low ({@code half} 0) or high sub-block of pair
   * {@code c} of the super-block at {@code block}: a nibble of {@code qs} and a bit of
   * {@code qh}.
   */
  private static ByteVector value(MemorySegment rows, int block, int c, int half, int l) {
    int bit = 2 * c + half;
    ByteVector fifth = Kernels.bytes(rows, block + 16 + l).lanewise(VectorOperators.ASHR, bit)
        .and((byte) 1).lanewise(VectorOperators.LSHL, 4);
    return Kernels.bytes(rows, block + 48 + c * 32 + l).lanewise(VectorOperators.ASHR, 4 * half)
        .and((byte) 0x0F).or(fifth);
  }

  @Override
  public void dequantizeReference(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    float[] multipliers = new float[8];
    float[] offsets = new float[8];
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      Kernels.subBlockScales(src, block, multipliers, offsets);
      long qh = block + 16;
      long qs = block + 48;
      int out = dstOffset + b * QK;
      for (int c = 0; c < 4; c++) {
        float d1 = multipliers[2 * c];
        float m1 = offsets[2 * c];
        float d2 = multipliers[2 * c + 1];
        float m2 = offsets[2 * c + 1];
        for (int l = 0; l < 32; l++) {
          int q = Kernels.byteAt(src, qs + c * 32 + l);
          int h = Kernels.byteAt(src, qh + l);
          dst[out + c * 64 + l] = Math.fma(d1, (q & 0xF) + ((h >> (2 * c)) & 1) * 16, -m1);
          dst[out + c * 64 + 32 + l] = Math.fma(d2, (q >> 4) + ((h >> (2 * c + 1)) & 1) * 16, -m2);
        }
      }
    }
  }
}
