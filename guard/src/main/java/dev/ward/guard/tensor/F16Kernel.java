package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F16: IEEE half precision. The Vector API has no half-to-float lane conversion yet, so the lanes
 * are converted by their bits: a half's exponent and significand shifted into a float's place
 * and multiplied by 2^112 (the difference of the exponent biases) give every finite half exactly,
 * subnormals included; infinities and NaNs (exponent all ones) take the float's all-ones
 * exponent instead; the sign is put back last. {@link Float#float16ToFloat} does the same.
 */
final class F16Kernel implements RowKernel {
  @Override
  public GgmlType type() {
    return GgmlType.F16;
  }

  private static final VectorSpecies<Integer> I = Kernels.F.withLanes(int.class);

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
      sum += Kernels.f16(src, from + 2L * i) * x[xOffset + i];
    }
    return sum;
  }

  private static FloatVector widen(MemorySegment src, long at) {
    IntVector h = (IntVector) ShortVector.fromMemorySegment(Kernels.S, src, at, Kernels.LE)
        .convertShape(VectorOperators.S2I, I, 0);
    IntVector magnitude = h.and(0x7FFF);
    IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
    IntVector finite = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
    IntVector bits = finite.blend(shifted.or(0x7F80_0000), magnitude.compare(VectorOperators.GE, 0x7C00));
    return bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
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
      dst[dstOffset + i] = Kernels.f16(src, from + 2L * i);
    }
  }
}
