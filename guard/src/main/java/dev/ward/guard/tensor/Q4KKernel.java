package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
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
          Vectors.toFloats(q.and(0x0F)).fma(d1, -m1).intoArray(dst, out + c * 64 + l);
          Vectors.toFloats(q.lanewise(VectorOperators.LSHR, 4)).fma(d2, -m2)
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
    float[] scales = new float[n / QK * 32];
    int half = (to - from + 1) / 2;
    for (int i = 0; i < half; i++) {
      int j = RowKernel.partner(i, half, to - from);
      int a = i * (int) rowBytes;
      int b = j * (int) rowBytes;
      Kernels.unpackScales(rows, a, b, n / QK, BLOCK_BYTES, scales);
      dotPair(rows, a, b, x, n, sums, scales);
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
   * API directly, not through helpers (see {@link Kernels}).
   */
  private static void dotPair(MemorySegment rows, int a, int b, float[] x, int n, float[] sums,
      float[] scales) {
    int lanes = Kernels.F.length();
    FloatVector accA = FloatVector.zero(Kernels.F);
    FloatVector accB = accA;
    for (int block = 0; block < n / QK; block++) {
      int at = block * BLOCK_BYTES;
      int xb = block * QK;
      int sb = block * 32;
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
          accA = wA.fma(d1A, -m1A).fma(xs, accA);
          accB = wB.fma(d1B, -m1B).fma(xs, accB);
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
          accA = wA.fma(d2A, -m2A).fma(xs, accA);
          accB = wB.fma(d2B, -m2B).fma(xs, accB);
        }
      }
    }
    accA.intoArray(sums, 0);
    accB.intoArray(sums, lanes);
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
