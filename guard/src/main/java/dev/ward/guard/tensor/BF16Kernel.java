package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
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
  public void dequantize(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    int lanes = Kernels.F.length();
    int i = 0;
    for (; i + lanes <= n; i += lanes) {
      ShortVector halves = ShortVector.fromMemorySegment(Kernels.S, src, from + 2L * i, Kernels.LE);
      IntVector bits = (IntVector) halves.convertShape(VectorOperators.S2I,
          Kernels.F.withLanes(int.class), 0);
      bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, dstOffset + i);
    }
    dequantizeReference(src, from + 2L * i, dst, dstOffset + i, n - i);
  }

  @Override
  public void dequantizeReference(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    for (int i = 0; i < n; i++) {
      int bits = Short.toUnsignedInt(src.get(Kernels.SHORT_LE, from + 2L * i)) << 16;
      dst[dstOffset + i] = Float.intBitsToFloat(bits);
    }
  }
}
