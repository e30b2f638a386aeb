package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q5_K: Q4_K plus a fifth bit per value, 176 bytes:
 * {@code f16 d | f16 dmin | u8 scales[12] | u8 qh[32] | u8 qs[128]}. For the 32-byte chunk
 * {@code c} of {@code qs}, bit {@code 2c} of {@code qh[l]} adds 16 to the low-nibble value
 * {@code l} and bit {@code 2c + 1} to the high-nibble one.
 */
final class Q5KKernel implements RowKernel {
  private static final int QK = 256;
  private static final int BLOCK_BYTES = 176;

  @Override
  public GgmlType type() {
    return GgmlType.Q5_K;
  }

  @Override
  public void dequantize(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    int lanes = Kernels.F.length();
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
        for (int l = 0; l < 32; l += lanes) {
          ByteVector q = Kernels.bytes(src, qs + c * 32 + l);
          ByteVector h = Kernels.bytes(src, qh + l);
          ByteVector loHigh = h.lanewise(VectorOperators.ASHR, 2 * c).and((byte) 1)
              .lanewise(VectorOperators.LSHL, 4);
          ByteVector hiHigh = h.lanewise(VectorOperators.ASHR, 2 * c + 1).and((byte) 1)
              .lanewise(VectorOperators.LSHL, 4);
          Vectors.widen(q.and((byte) 0x0F).or(loHigh)).mul(d1).sub(m1)
              .intoArray(dst, out + c * 64 + l);
          Vectors.widen(q.lanewise(VectorOperators.ASHR, 4).and((byte) 0x0F).or(hiHigh))
              .mul(d2).sub(m2).intoArray(dst, out + c * 64 + 32 + l);
        }
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
      float dmin = Kernels.f16(src, block + 2);
      long low = src.get(Kernels.LONG_LE, block + 4);
      int high = src.get(Kernels.INT_LE, block + 12);
      long qh = block + 16;
      long qs = block + 48;
      int xb = xOffset + b * QK;
      for (int c = 0; c < 4; c++) {
        float d1 = d * Kernels.scaleK4(low, high, 2 * c);
        float m1 = dmin * Kernels.minK4(low, high, 2 * c);
        float d2 = d * Kernels.scaleK4(low, high, 2 * c + 1);
        float m2 = dmin * Kernels.minK4(low, high, 2 * c + 1);
        for (int l = 0; l < 32; l += lanes) {
          ByteVector fifth = Kernels.bytes(src, qh + l).lanewise(VectorOperators.ASHR, 2 * c)
              .and((byte) 1).lanewise(VectorOperators.LSHL, 4);
          ByteVector q = Kernels.bytes(src, qs + c * 32 + l).and((byte) 0x0F).or(fifth);
          acc = Vectors.widen(q).mul(d1).sub(m1)
              .fma(FloatVector.fromArray(Kernels.F, x, xb + c * 64 + l), acc);
        }
        for (int l = 0; l < 32; l += lanes) {
          ByteVector fifth = Kernels.bytes(src, qh + l).lanewise(VectorOperators.ASHR, 2 * c + 1)
              .and((byte) 1).lanewise(VectorOperators.LSHL, 4);
          ByteVector q = Kernels.bytes(src, qs + c * 32 + l).lanewise(VectorOperators.ASHR, 4)
              .and((byte) 0x0F).or(fifth);
          acc = Vectors.widen(q).mul(d2).sub(m2)
              .fma(FloatVector.fromArray(Kernels.F, x, xb + c * 64 + 32 + l), acc);
        }
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
          dst[out + c * 64 + l] = d1 * ((q & 0xF) + ((h >> (2 * c)) & 1) * 16) - m1;
          dst[out + c * 64 + 32 + l] = d2 * ((q >> 4) + ((h >> (2 * c + 1)) & 1) * 16) - m2;
        }
      }
    }
  }
}
