package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import java.lang.foreign.ValueLayout;
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
        int out = dstOffset + b * QK + half * 128;
        long groupScales = src.get(Kernels.LONG_LE, block + 192 + half * 8);
        for (int k = 0; k < 4; k++) {
          ByteVector values = values(src, block, half, k);
          for (int part = 0; part < 32 / lanes; part++) {
            ((FloatVector) values.convertShape(VectorOperators.B2F, Kernels.F, part))
                .mul(d * (byte) (groupScales >>> (8 * (part * lanes / 16 + 2 * k))))
                .intoArray(dst, out + k * 32 + part * lanes);
          }
        }
      }
    }
  }

  @Override
  public void dotRows(MemorySegment src, long rowBytes, int n, int from, int to, float[] x,
      float[] out) {
    MemorySegment rows = RowKernel.slice(src, rowBytes, from, to);
    float[] sums = new float[2 * Kernels.F.length()];
    float[] multipliers = new float[64];
    int half = (to - from + 1) / 2;
    for (int i = 0; i < half; i++) {
      int j = RowKernel.partner(i, half, to - from);
      int a = i * (int) rowBytes;
      int b = j * (int) rowBytes;
      multipliers(rows, a, b, multipliers, 0);
      dotPair(rows, a, b, x, n, sums, multipliers);
      out[from + i] = Vectors.sum(sums, 0);
      out[from + j] = Vectors.sum(sums, Kernels.F.length());
    }
  }

  /**
   * Rows {@code a} and {@code b} as in {@link Q8_0Kernel}'s pair, with the multipliers of their
   * current block in {@code multipliers} (two blocks' worth, alternately): those of the next
   * block are unpacked at the end of each, in a method of their own, out of this loop's
   * compilation and its node budget.
   */
  private static void dotPair(MemorySegment rows, int a, int b, float[] x, int n, float[] sums,
      float[] multipliers) {
    int lanes = Kernels.F.length();
    FloatVector accA = FloatVector.zero(Kernels.F);
    FloatVector accB = accA;
    for (int block = 0; block < n / QK; block++) {
      int at = block * BLOCK_BYTES;
      for (int half = 0; half < 2; half++) {
        int xh = block * QK + half * 128;
        for (int k = 0; k < 4; k++) {
          ByteVector valuesA = values(rows, a + at, half, k);
          ByteVector valuesB = values(rows, b + at, half, k);
          for (int part = 0; part < 32 / lanes; part++) {
            FloatVector xs = FloatVector.fromArray(Kernels.F, x, xh + k * 32 + part * lanes);
            int group = (block & 1) * 32 + half * 8 + part * lanes / 16 + 2 * k;
            accA = ((FloatVector) valuesA.convertShape(VectorOperators.B2F, Kernels.F, part))
                .mul(multipliers[group]).fma(xs, accA);
            accB = ((FloatVector) valuesB.convertShape(VectorOperators.B2F, Kernels.F, part))
                .mul(multipliers[group + 16]).fma(xs, accB);
          }
        }
      }
      if (block + 1 < n / QK) {
        multipliers(rows, a + at + BLOCK_BYTES, b + at + BLOCK_BYTES, multipliers,
            32 - (block & 1) * 32);
      }
    }
    accA.intoArray(sums, 0);
    accB.intoArray(sums, lanes);
  }

  /**
   * The sixteen multipliers ({@code d * scale}) of the super-blocks at byte offsets {@code a} and
   * {@code b} (a block of each row of a decode pair) into {@code out[at ..]} and
   * {@code out[at + 16 ..]}, a vector at a time: one by one, the conversions cost the decode loop
   * more than its arithmetic on the values.
   */
  private static void multipliers(MemorySegment rows, int a, int b, float[] out, int at) {
    for (int row = 0; row < 2; row++) {
      int block = row == 0 ? a : b;
      float d = Float.float16ToFloat(rows.get(Kernels.SHORT_LE, block + 208));
      ByteVector scales = ByteVector.fromMemorySegment(ByteVector.SPECIES_128, rows, block + 192,
          Kernels.LE);
      for (int part = 0; part < 16 / Kernels.F.length(); part++) {
        ((FloatVector) scales.convertShape(VectorOperators.B2F, Kernels.F, part)).mul(d)
            .intoArray(out, at + 16 * row + part * Kernels.F.length());
      }
    }
  }

  /**
   * The 32 6-bit values of quarter {@code k} of half {@code half} of the super-block at
   * {@code block}, less 32, as bytes: a nibble of {@code ql} and two bits of {@code qh}, unpacked
   * 32 at a time on byte lanes (shifting the 16-bit lanes that hold them: x86 has no byte
   * shifts; the masks drop the bits that crossed over), where int lanes took a widening and five
   * operations per 16.
   */
  private static ByteVector values(MemorySegment rows, long block, int half, int k) {
    ByteVector low = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, rows,
        block + half * 64 + (k & 1) * 32, Kernels.LE);
    ByteVector high = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, rows,
        block + 128 + half * 32, Kernels.LE);
    return low.reinterpretAsShorts().lanewise(VectorOperators.LSHR, (k >> 1) * 4)
        .reinterpretAsBytes().and((byte) 0x0F)
        .or(high.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 2 * k).reinterpretAsBytes()
            .and((byte) 3).reinterpretAsShorts().lanewise(VectorOperators.LSHL, 4)
            .reinterpretAsBytes())
        .sub((byte) 32);
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
