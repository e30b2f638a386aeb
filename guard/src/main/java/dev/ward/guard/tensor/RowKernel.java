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
}
