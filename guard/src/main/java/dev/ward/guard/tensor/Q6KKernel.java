package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K: super-blocks of 256 values in 16 groups of 16, 210 bytes:
 * {@code u8 ql[128] | u8 qh[64] | i8 scales[16] | f16 d}. Each half of 128 values uses 64 bytes of
 * {@code ql} and 32 of {@code qh}: for {@code l < 32}, values {@code l, l+32, l+64, l+96} take
 * the low nibble of {@code ql[l]}, of {@code ql[l+32]}, the high nibble of {@code ql[l]}, of
 * {@code ql[l+32]}, each with two more bits from {@code qh[l]} (bits 0-1, 2-3, 4-5, 6-7), minus
 * 32. Value = d * scale[group] * q.
 *
 * <p>The SIMD paths unpack on int lanes, where a shift or a mask is one instruction (x86 has no
 * byte shifts). They repeat their unpacking rather than share a helper: a vector returned from a
 * method C2 compiled on its own first ("already compiled into a big method") is not inlined, and
 * every vector it returns is then allocated.
 */
final class Q6KKernel implements RowKernel {
  private static final int QK = 256;
  private static final int BLOCK_BYTES = 210;

  @Override
  public GgmlType type() {
    return GgmlType.Q6_K;
  }

  @Override
  public void dequantize(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    int lanes = Kernels.F.length();
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      float d = Kernels.f16(src, block + 208);
      for (int half = 0; half < 2; half++) {
        long ql = block + half * 64;
        long qh = block + 128 + half * 32;
        int out = dstOffset + b * QK + half * 128;
        long groupScales = src.get(Kernels.LONG_LE, block + 192 + half * 8);
        for (int k = 0; k < 4; k++) {
          long nibbles = ql + (k & 1) * 32;
          int shift = (k >> 1) * 4;
          for (int l = 0; l < 32; l += lanes) {
            IntVector low = Kernels.ints(src, nibbles + l).lanewise(VectorOperators.LSHR, shift)
                .and(0x0F);
            IntVector high = Kernels.ints(src, qh + l).lanewise(VectorOperators.LSHR, 2 * k)
                .and(3).lanewise(VectorOperators.LSHL, 4);
            Vectors.toFloats(low.or(high).sub(32))
                .mul(d * (byte) (groupScales >>> (8 * (l / 16 + 2 * k))))
                .intoArray(dst, out + k * 32 + l);
          }
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
      float d = Kernels.f16(src, block + 208);
      for (int half = 0; half < 2; half++) {
        long ql = block + half * 64;
        long qh = block + 128 + half * 32;
        int xh = xOffset + b * QK + half * 128;
        long groupScales = src.get(Kernels.LONG_LE, block + 192 + half * 8);
        for (int k = 0; k < 4; k++) {
          long nibbles = ql + (k & 1) * 32;
          int shift = (k >> 1) * 4;
          for (int l = 0; l < 32; l += lanes) {
            IntVector low = Kernels.ints(src, nibbles + l).lanewise(VectorOperators.LSHR, shift)
                .and(0x0F);
            IntVector high = Kernels.ints(src, qh + l).lanewise(VectorOperators.LSHR, 2 * k)
                .and(3).lanewise(VectorOperators.LSHL, 4);
            acc = Vectors.toFloats(low.or(high).sub(32))
                .mul(d * (byte) (groupScales >>> (8 * (l / 16 + 2 * k))))
                .fma(FloatVector.fromArray(Kernels.F, x, xh + k * 32 + l), acc);
          }
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
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      float d = Kernels.f16(src, block + 208);
      for (int half = 0; half < 2; half++) {
        long ql = block + half * 64;
        long qh = block + 128 + half * 32;
        long scales = block + 192 + half * 8;
        int out = dstOffset + b * QK + half * 128;
        for (int l = 0; l < 32; l++) {
          int group = l / 16;
          int lo = Kernels.byteAt(src, ql + l);
          int lo32 = Kernels.byteAt(src, ql + 32 + l);
          int h = Kernels.byteAt(src, qh + l);
          int q1 = ((lo & 0xF) | ((h & 3) << 4)) - 32;
          int q2 = ((lo32 & 0xF) | (((h >> 2) & 3) << 4)) - 32;
          int q3 = ((lo >> 4) | (((h >> 4) & 3) << 4)) - 32;
          int q4 = ((lo32 >> 4) | (((h >> 6) & 3) << 4)) - 32;
          dst[out + l] = d * scale(src, scales + group) * q1;
          dst[out + 32 + l] = d * scale(src, scales + group + 2) * q2;
          dst[out + 64 + l] = d * scale(src, scales + group + 4) * q3;
          dst[out + 96 + l] = d * scale(src, scales + group + 6) * q4;
        }
      }
    }
  }

  private static float scale(MemorySegment src, long at) {
    return src.get(ValueLayout.JAVA_BYTE, at);
  }
}
