package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Turns stored values of one {@link GgmlType} back into floats. Every kernel has a SIMD version
 * ({@link #dequantize}) and a plain scalar twin ({@link #dequantizeReference}) that reads like the
 * format's definition; tests hold the two to the same results.
 *
 * <p>Both take {@code n} values (a multiple of the type's block size) starting at byte
 * {@code from} of {@code src} and write them to {@code dst[dstOffset ..]}.
 */
sealed interface RowKernel
    permits F32Kernel, F16Kernel, BF16Kernel, Q8_0Kernel, Q4_0Kernel, Q4KKernel, Q5KKernel,
        Q6KKernel {

  GgmlType type();

  void dequantize(MemorySegment src, long from, float[] dst, int dstOffset, int n);

  void dequantizeReference(MemorySegment src, long from, float[] dst, int dstOffset, int n);

  /**
   * The dot product of {@code n} stored values starting at byte {@code from} with
   * {@code x[xOffset ..]}: each block is read once and dequantized in registers straight into
   * the multiply-adds, to the same float values {@link #dequantize} writes (the result differs
   * from dequantize-then-dot only by the order of the additions). This is the decode kernel:
   * one token against a weight row, bound by memory bandwidth.
   */
  float dot(MemorySegment src, long from, float[] x, int xOffset, int n);

  /**
   * {@link #dot} of rows {@code from .. to} of a matrix whose rows are {@code rowBytes} apart,
   * with {@code x[0 .. n)}, into {@code out[from .. to)}: the decode kernel's loop, with each
   * row's own order of additions, so the bits are those of {@link #dot}.
   *
   * <p>Every kernel has this loop of its own, not a shared default: C2 inlines by call site, and
   * a shared loop's call to {@code dot} sees every type of the model (Q4_K and Q6_K in a Q4_K_M
   * file) and inlines both kernels into one compilation. That outgrows the node budget within
   * which C2 still turns vector operations into instructions; past it they run as Java code
   * that allocates every vector, several times slower.
   */
  void dotRows(MemorySegment src, long rowBytes, int n, int from, int to, float[] x, float[] out);

  /** The reference for {@link #dot}: the scalar dequantization, then a plain float loop. */
  default float dotReference(MemorySegment src, long from, float[] x, int xOffset, int n) {
    float[] values = new float[n];
    dequantizeReference(src, from, values, 0, n);
    float sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i] * x[xOffset + i];
    }
    return sum;
  }
}
