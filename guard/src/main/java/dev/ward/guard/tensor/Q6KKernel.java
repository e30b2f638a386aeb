package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
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
 * <p>The SIMD paths compute it as {@code m * q' - 32 m}, one fused multiply-add on the unsigned
 * 6-bit {@code q'} with {@code m = d * scale[group]}: the exact value rounded once, as the
 * reference's {@code m * (q' - 32)} is, bit for bit, without the subtraction.
 */
final class Q6KKernel implements RowKernel {
  private static final int QK = 256;
  private static final int BLOCK_BYTES = 210;

  @Override
  public GgmlType type() {
    return GgmlType.Q6_K;
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
      float d = Kernels.f16(src, block + 208);
      for (int half = 0; half < 2; half++) {
        int out = dstOffset + b * QK + half * 128;
        long groupScales = src.get(Kernels.LONG_LE, block + 192 + half * 8);
        for (int k = 0; k < 4; k++) {
          ByteVector values = values(src, block, half, k);
          for (int part = 0; part < 32 / lanes; part++) {
            float m = d * (byte) (groupScales >>> (8 * (part * lanes / 16 + 2 * k)));
            ((FloatVector) values.convertShape(VectorOperators.B2F, Kernels.F, part))
                .fma(m, -32 * m).intoArray(dst, out + k * 32 + part * lanes);
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
    float[] multipliers = new float[Kernels.HEADER_GROUP * 32];
    int blocks = n / QK;
    int half = (to - from + 1) / 2;
    for (int i = 0; i < half; i++) {
      int j = RowKernel.partner(i, half, to - from);
      int a = i * (int) rowBytes;
      int b = j * (int) rowBytes;
      Arrays.fill(sums, 0f);
      for (int first = 0; first < blocks; first += Kernels.HEADER_GROUP) {
        int end = Math.min(blocks, first + Kernels.HEADER_GROUP);
        multipliers(rows, a + first * BLOCK_BYTES, b + first * BLOCK_BYTES, end - first,
            multipliers);
        dotPair(rows, a, b, x, first, end, sums, multipliers);
      }
      out[from + i] = Vectors.sum(sums, 0);
      out[from + j] = Vectors.sum(sums, Kernels.F.length());
    }
  }

  /**
   * Rows {@code a} and {@code b} as in {@link Q8_0Kernel}'s pair, with the multipliers of their
   * blocks unpacked beforehand ({@link #multipliers}), for the reason given at
   * {@link Kernels#unpackScales(MemorySegment, int, int, int, int, float[])}. The values are
   * unpacked as {@link #values} does, written out for each row: a call, the second one in
   * particular, was left uninlined (see {@link Kernels}).
   */
  private static void dotPair(MemorySegment rows, int a, int b, float[] x, int first, int end,
      float[] sums, float[] multipliers) {
    int lanes = Kernels.F.length();
    FloatVector accA = FloatVector.fromArray(Kernels.F, sums, 0);
    FloatVector accB = FloatVector.fromArray(Kernels.F, sums, lanes);
    for (int block = first; block < end; block++) {
      int at = block * BLOCK_BYTES;
      for (int half = 0; half < 2; half++) {
        int xh = block * QK + half * 128;
        for (int k = 0; k < 4; k++) {
          int low = (k >> 1) * 4;
          int high = (4 - 2 * k) & 31;
          ByteVector valuesA = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, rows,
              a + at + half * 64 + (k & 1) * 32, Kernels.LE).reinterpretAsInts()
              .lanewise(VectorOperators.LSHR, low).reinterpretAsBytes().and((byte) 0x0F)
              .or(ByteVector.fromMemorySegment(ByteVector.SPECIES_256, rows,
                  a + at + 128 + half * 32, Kernels.LE).reinterpretAsInts()
                  .lanewise(VectorOperators.ROL, high).reinterpretAsBytes().and((byte) 0x30));
          ByteVector valuesB = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, rows,
              b + at + half * 64 + (k & 1) * 32, Kernels.LE).reinterpretAsInts()
              .lanewise(VectorOperators.LSHR, low).reinterpretAsBytes().and((byte) 0x0F)
              .or(ByteVector.fromMemorySegment(ByteVector.SPECIES_256, rows,
                  b + at + 128 + half * 32, Kernels.LE).reinterpretAsInts()
                  .lanewise(VectorOperators.ROL, high).reinterpretAsBytes().and((byte) 0x30));
          for (int part = 0; part < 32 / lanes; part++) {
            FloatVector xs = FloatVector.fromArray(Kernels.F, x, xh + k * 32 + part * lanes);
            int group = (block - first) * 32 + half * 8 + part * lanes / 16 + 2 * k;
            float mA = multipliers[group];
            float mB = multipliers[group + 16];
            accA = ((FloatVector) valuesA.convertShape(VectorOperators.B2F, Kernels.F, part))
                .fma(mA, -32 * mA).fma(xs, accA);
            accB = ((FloatVector) valuesB.convertShape(VectorOperators.B2F, Kernels.F, part))
                .fma(mB, -32 * mB).fma(xs, accB);
          }
        }
      }
    }
    accA.intoArray(sums, 0);
    accB.intoArray(sums, lanes);
  }

  /**
   * The sixteen multipliers ({@code d * scale}) of each of the {@code blocks} super-blocks of two
   * rows, at byte offsets {@code a} and {@code b}: block {@code k}'s into {@code out[32 k ..]} and
   * {@code out[32 k + 16 ..]}, a vector at a time: one by one, the conversions cost the decode
   * loop more than its arithmetic on the values.
   */
  private static void multipliers(MemorySegment rows, int a, int b, int blocks, float[] out) {
    for (int k = 0; k < 2 * blocks; k++) {
      int block = ((k & 1) == 0 ? a : b) + (k >> 1) * BLOCK_BYTES;
      float d = Float.float16ToFloat(rows.get(Kernels.SHORT_LE, block + 208));
      ByteVector scales = ByteVector.fromMemorySegment(ByteVector.SPECIES_128, rows, block + 192,
          Kernels.LE);
      for (int part = 0; part < 16 / Kernels.F.length(); part++) {
        ((FloatVector) scales.convertShape(VectorOperators.B2F, Kernels.F, part)).mul(d)
            .intoArray(out, 16 * k + part * Kernels.F.length());
      }
    }
  }

  /**
   * The 32 unsigned 6-bit values of quarter {@code k} of half {@code half} of the super-block at
   * {@code block}, as bytes: a nibble of {@code ql} and two bits of {@code qh}, unpacked 32 at a
   * time on int lanes that hold four bytes each (x86 has no byte shifts; the masks drop the bits
   * that crossed from a neighbouring byte). One rotation brings {@code qh}'s bits {@code 2k, 2k+1}
   * to bits 4-5 whichever way they have to move.
   */
  private static ByteVector values(MemorySegment rows, long block, int half, int k) {
    return ByteVector.fromMemorySegment(ByteVector.SPECIES_256, rows,
        block + half * 64 + (k & 1) * 32, Kernels.LE).reinterpretAsInts()
        .lanewise(VectorOperators.LSHR, (k >> 1) * 4).reinterpretAsBytes().and((byte) 0x0F)
        .or(ByteVector.fromMemorySegment(ByteVector.SPECIES_256, rows,
            block + 128 + half * 32, Kernels.LE).reinterpretAsInts()
            .lanewise(VectorOperators.ROL, (4 - 2 * k) & 31).reinterpretAsBytes()
            .and((byte) 0x30));
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
