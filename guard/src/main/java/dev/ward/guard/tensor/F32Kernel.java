package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;

/** F32: IEEE single precision, little-endian. */
final class F32Kernel implements RowKernel {
  @Override
  public GgmlType type() {
    return GgmlType.F32;
  }

  @Override
  public void dequantize(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    MemorySegment.copy(src, Kernels.FLOAT_LE, from, dst, dstOffset, n);
  }

  @Override
  public void dequantizeReference(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOffset + i] = src.get(Kernels.FLOAT_LE, from + 4L * i);
    }
  }
}
