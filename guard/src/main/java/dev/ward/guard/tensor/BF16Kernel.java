package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** BF16: the upper 16 bits of an IEEE single; widening is a shift into place. */
final class BF16Kernel implements RowKernel {
  @Override
  public GgmlType type() {
    return GgmlType.BF16;
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
    int i = 0;
    for (; i + lanes <= n; i += lanes) {
      widen(src, from + 2L * i).intoArray(dst, dstOffset + i);
    }
    dequantizeReference(src, from + 2L * i, dst, dstOffset + i, n - i);
  }

  /**
   * One row, one chain of multiply-adds: the float types keep the plain loop, as the decode
   * kernels tuned for speed are those of the quantized files.
   */
  private static float dot(MemorySegment src, long from, float[] x, int xOffset, int n) {
    int lanes = Kernels.F.length();
    FloatVector acc = FloatVector.zero(Kernels.F);
    int i = 0;
    for (; i + lanes <= n; i += lanes) {
      acc = widen(src, from + 2L * i).fma(FloatVector.fromArray(Kernels.F, x, xOffset + i), acc);
    }
    float sum = Vectors.sum(acc);
    for (; i < n; i++) {
      sum += Float.intBitsToFloat(Short.toUnsignedInt(src.get(Kernels.SHORT_LE, from + 2L * i)) << 16)
          * x[xOffset + i];
    }
    return sum;
  }

  private static FloatVector widen(MemorySegment src, long at) {
    ShortVector halves = ShortVector.fromMemorySegment(Kernels.S, src, at, Kernels.LE);
    IntVector bits = (IntVector) halves.convertShape(VectorOperators.S2I,
        Kernels.F.withLanes(int.class), 0);
    return bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
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
    for (int i = 0; i < n; i++) {
      int bits = Short.toUnsignedInt(src.get(Kernels.SHORT_LE, from + 2L * i)) << 16;
      dst[dstOffset + i] = Float.intBitsToFloat(bits);
    }
  }
}
