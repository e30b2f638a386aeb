package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;

/**
 * F16: IEEE half precision. The Vector API has no public half-to-float lane conversion yet, so
 * the fast path is a plain loop over {@link Float#float16ToFloat}, which HotSpot intrinsifies and
 * auto-vectorizes.
 */
final class F16Kernel implements RowKernel {
  @Override
  public GgmlType type() {
    return GgmlType.F16;
  }

  @Override
  public void dequantize(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    short[] halves = new short[n];
    MemorySegment.copy(src, Kernels.SHORT_LE, from, halves, 0, n);
    for (int i = 0; i < n; i++) {
      dst[dstOffset + i] = Float.float16ToFloat(halves[i]);
    }
  }

  @Override
  public void dequantizeReference(MemorySegment src, long from, float[] dst, int dstOffset, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOffset + i] = Kernels.f16(src, from + 2L * i);
    }
  }
}
