package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_K: super-blocks of 256 values in 8 sub-blocks of 32, 144 bytes:
 * {@code f16 d | f16 dmin | u8 scales[12] | u8 qs[128]}. The 12 scale bytes pack a 6-bit scale
 * and a 6-bit min per sub-block ({@link Kernels#subBlockScales}). Each 32 bytes of {@code qs}
 * hold two sub-blocks: low nibbles the first, high nibbles the second. Value =
 * d * scale * q - dmin * min, one fused multiply-add (rounded once) in every path: an
 * instruction fewer per vector of the decode loop than a multiply and a subtraction.
 */
final class Q4KKernel implements RowKernel {
  private static final int QK = 256;
  private static final int BLOCK_BYTES = 144;
  /**
   * 0, 1, ... 15 as floats, a lane each (16-lane vectors): {@code LANE_INDEX.fma(d, m)} is the
   * table of a sub-block's sixteen possible values, {@code fma(q, d, m)} for {@code q = 0 .. 15},
   * which its nibbles look themselves up in ({@code selectFrom} on the table's int bits).
   */
  private static final FloatVector LANE_INDEX =
      (FloatVector) Kernels.I.iotaShuffle(0, 1, false).toVector().convert(VectorOperators.I2F, 0);

  @Override
  public GgmlType type() {
    return GgmlType.Q4_K;
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
      int out = dstOffset + b * QK;
      for (int c = 0; c < 4; c++) {
        float d1 = scales[2 * c];
        float m1 = scales[8 + 2 * c];
        float d2 = scales[2 * c + 1];
        float m2 = scales[9 + 2 * c];
        long qs = block + 16 + c * 32;
        for (int l = 0; l < 32; l += lanes) {
          IntVector q = Kernels.unsignedInts(src, qs + l);
          Vectors.toFloats(q.and(0x0F)).fma(d1, m1).intoArray(dst, out + c * 64 + l);
          Vectors.toFloats(q.lanewise(VectorOperators.LSHR, 4)).fma(d2, m2)
              .intoArray(dst, out + c * 64 + 32 + l);
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
        if (Kernels.F.length() == 16) {
          dotPairWide(rows, a, b, x, first, end, sums, scales);
        } else {
          dotPair(rows, a, b, x, first, end, sums, scales);
        }
      }
      out[from + i] = Vectors.sum(sums, 0);
      out[from + j] = Vectors.sum(sums, Kernels.F.length());
    }
  }

  /**
   * Rows {@code a} and {@code b} as in {@link Q8_0Kernel}'s pair, with the multipliers and
   * offsets of their blocks unpacked beforehand ({@link Kernels#unpackScales(MemorySegment, int,
   * int, int, int, float[])}). A sub-block pair's low nibbles are added before its high nibbles,
   * as the columns run, loading the bytes for each: one loop over both would add columns out of
   * order wherever a vector is shorter than the 32 bytes. The nibbles are unpacked on int lanes
   * (one instruction per shift or mask, where x86 has no byte shifts). The loop calls the Vector
   * API directly, not through helpers (see {@link Kernels}). This is the loop for any vector
   * width (AVX2's 8 lanes); 16 lanes run {@link #dotPairWide}.
   */
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
        float d1A = scales[sb + 2 * c];
        float m1A = scales[sb + 8 + 2 * c];
        float d2A = scales[sb + 1 + 2 * c];
        float m2A = scales[sb + 9 + 2 * c];
        float d1B = scales[sb + 16 + 2 * c];
        float m1B = scales[sb + 24 + 2 * c];
        float d2B = scales[sb + 17 + 2 * c];
        float m2B = scales[sb + 25 + 2 * c];
        int qsA = a + at + 16 + c * 32;
        int qsB = b + at + 16 + c * 32;
        for (int l = 0; l < 32; l += lanes) {
          FloatVector xs = FloatVector.fromArray(Kernels.F, x, xb + c * 64 + l);
          FloatVector wA = (FloatVector) ByteVector.fromMemorySegment(Kernels.B, rows, qsA + l,
              Kernels.LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, Kernels.I, 0)
              .reinterpretAsInts().and(0x0F).convert(VectorOperators.I2F, 0);
          FloatVector wB = (FloatVector) ByteVector.fromMemorySegment(Kernels.B, rows, qsB + l,
              Kernels.LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, Kernels.I, 0)
              .reinterpretAsInts().and(0x0F).convert(VectorOperators.I2F, 0);
          accA = wA.fma(d1A, m1A).fma(xs, accA);
          accB = wB.fma(d1B, m1B).fma(xs, accB);
        }
        for (int l = 0; l < 32; l += lanes) {
          FloatVector xs = FloatVector.fromArray(Kernels.F, x, xb + c * 64 + 32 + l);
          FloatVector wA = (FloatVector) ByteVector.fromMemorySegment(Kernels.B, rows, qsA + l,
              Kernels.LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, Kernels.I, 0)
              .reinterpretAsInts().lanewise(VectorOperators.LSHR, 4)
              .convert(VectorOperators.I2F, 0);
          FloatVector wB = (FloatVector) ByteVector.fromMemorySegment(Kernels.B, rows, qsB + l,
              Kernels.LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, Kernels.I, 0)
              .reinterpretAsInts().lanewise(VectorOperators.LSHR, 4)
              .convert(VectorOperators.I2F, 0);
          accA = wA.fma(d2A, m2A).fma(xs, accA);
          accB = wB.fma(d2B, m2B).fma(xs, accB);
        }
      }
    }
    accA.intoArray(sums, 0);
    accB.intoArray(sums, lanes);
  }

  /**
   * {@link #dotPair} on 16 float lanes: the same values added in the same order, so the same
   * bits, in one loop over the 32-byte chunks of {@code qs} (a sub-block pair), each chunk's two
   * loads a row written out and reused for both nibbles. With the loops over super-blocks, chunks
   * and lanes nested, C2 kept offsets and values in memory between them and loaded every byte
   * twice: the loop alone ran at three quarters of this speed on one core, the whole kernel at
   * 85%. A weight is a lookup in its sub-block's table of sixteen values
   * ({@link #LANE_INDEX}, one multiply-add per sub-block) instead of a conversion and a
   * multiply-add per weight: with a 512-bit operation taking a 256-bit pipe twice (AMD Zen 4),
   * those saturated the floating-point pipes. The lookups ran the kernel 10 to 26% faster on
   * one and two threads, and a Q4_K_M file decoded 21 to 29% faster in the same JVM. (Q4_0's
   * blocks of 32 weights, a table each, gained nothing end to end.)
   */
  private static void dotPairWide(MemorySegment rows, int a, int b, float[] x, int first,
      int end, float[] sums, float[] scales) {
    FloatVector accA = FloatVector.fromArray(Kernels.F, sums, 0);
    FloatVector accB = FloatVector.fromArray(Kernels.F, sums, Kernels.F.length());
    for (int chunk = 4 * first; chunk < 4 * end; chunk++) {
      int qs = (chunk >> 2) * BLOCK_BYTES + 16 + (chunk & 3) * 32;
      int s = ((chunk >> 2) - first) * 32 + (chunk & 3) * 2;
      IntVector a0 = (IntVector) ByteVector.fromMemorySegment(Kernels.B, rows, a + qs,
          Kernels.LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, Kernels.I, 0);
      IntVector a1 = (IntVector) ByteVector.fromMemorySegment(Kernels.B, rows, a + qs + 16,
          Kernels.LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, Kernels.I, 0);
      IntVector b0 = (IntVector) ByteVector.fromMemorySegment(Kernels.B, rows, b + qs,
          Kernels.LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, Kernels.I, 0);
      IntVector b1 = (IntVector) ByteVector.fromMemorySegment(Kernels.B, rows, b + qs + 16,
          Kernels.LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, Kernels.I, 0);
      FloatVector x0 = FloatVector.fromArray(Kernels.F, x, chunk * 64);
      FloatVector x1 = FloatVector.fromArray(Kernels.F, x, chunk * 64 + 16);
      FloatVector x2 = FloatVector.fromArray(Kernels.F, x, chunk * 64 + 32);
      FloatVector x3 = FloatVector.fromArray(Kernels.F, x, chunk * 64 + 48);
      // Each sub-block's sixteen possible values, d * q - m for q = 0..15, as a table that the
      // nibbles index (selectFrom wraps an index to its low four bits: the low nibble itself).
      IntVector tA1 = (IntVector) LANE_INDEX.fma(scales[s], scales[s + 8])
          .reinterpretAsInts();
      IntVector tA2 = (IntVector) LANE_INDEX.fma(scales[s + 1], scales[s + 9])
          .reinterpretAsInts();
      IntVector tB1 = (IntVector) LANE_INDEX.fma(scales[s + 16], scales[s + 24])
          .reinterpretAsInts();
      IntVector tB2 = (IntVector) LANE_INDEX.fma(scales[s + 17], scales[s + 25])
          .reinterpretAsInts();
      accA = ((FloatVector) a0.selectFrom(tA1).reinterpretAsFloats()).fma(x0, accA);
      accB = ((FloatVector) b0.selectFrom(tB1).reinterpretAsFloats()).fma(x0, accB);
      accA = ((FloatVector) a1.selectFrom(tA1).reinterpretAsFloats()).fma(x1, accA);
      accB = ((FloatVector) b1.selectFrom(tB1).reinterpretAsFloats()).fma(x1, accB);
      accA = ((FloatVector) a0.lanewise(VectorOperators.LSHR, 4).selectFrom(tA2)
          .reinterpretAsFloats()).fma(x2, accA);
      accB = ((FloatVector) b0.lanewise(VectorOperators.LSHR, 4).selectFrom(tB2)
          .reinterpretAsFloats()).fma(x2, accB);
      accA = ((FloatVector) a1.lanewise(VectorOperators.LSHR, 4).selectFrom(tA2)
          .reinterpretAsFloats()).fma(x3, accA);
      accB = ((FloatVector) b1.lanewise(VectorOperators.LSHR, 4).selectFrom(tB2)
          .reinterpretAsFloats()).fma(x3, accB);
    }
    accA.intoArray(sums, 0);
    accB.intoArray(sums, Kernels.F.length());
  }

  @Override
  public void dequantizeReference(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    float[] multipliers = new float[8];
    float[] offsets = new float[8];
    for (int b = 0; b < n / QK; b++) {
      long block = from + (long) b * BLOCK_BYTES;
      Kernels.subBlockScales(src, block, multipliers, offsets);
      long qs = block + 16;
      int out = dstOffset + b * QK;
      for (int c = 0; c < 4; c++) {
        float d1 = multipliers[2 * c];
        float m1 = offsets[2 * c];
        float d2 = multipliers[2 * c + 1];
        float m2 = offsets[2 * c + 1];
        for (int l = 0; l < 32; l++) {
          int q = Kernels.byteAt(src, qs + c * 32 + l);
          dst[out + c * 64 + l] = Math.fma(d1, q & 0xF, -m1);
          dst[out + c * 64 + 32 + l] = Math.fma(d2, q >> 4, -m2);
        }
      }
    }
  }
}
