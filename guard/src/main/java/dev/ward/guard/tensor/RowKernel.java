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

  /**
   * The same {@code n} values of {@code rows} rows, the first at byte {@code from}, each
   * {@code rowBytes} after the last, to {@code dst[dstOffset + r * dstStride ..]} for row
   * {@code r}: a tile's rows in one call. Ward's JVM flags keep this method out of its callers'
   * compilations (see {@link Kernels}), and a call per row of 512 values cost the batched
   * product a quarter of its speed on Q8_0. Each kernel has the loop over rows, as it has that of
   * {@link #dotRows}, for the reason given there.
   */
  void dequantize(MemorySegment src, long from, long rowBytes, int rows, int n, float[] dst,
      int dstOffset, int dstStride);

  void dequantizeReference(MemorySegment src, long from, float[] dst, int dstOffset, int n);

  /**
   * The dot products of rows {@code from .. to} of a matrix whose rows are {@code rowBytes} apart
   * with {@code x[0 .. n)}, into {@code out[from .. to)}: the decode kernel, one token against
   * the weights, bound by memory bandwidth. Each block is read once and dequantized in registers
   * straight into the multiply-adds, to the same float values {@link #dequantize} writes; each
   * row is summed in one order, that of the batched path ({@link MatMul}), so a row has the same
   * bits whichever rows it is computed with.
   *
   * <p>Rows are taken two at a time, one from each half of the range: two independent chains of
   * multiply-adds, where one row alone waits out the latency of every add before the next (a
   * single chain ran at half the speed). The halves keep the reads two sequential streams that
   * the hardware prefetcher follows; neighbouring rows side by side defeated it and ran slower
   * than one row. Offsets within the range are ints, which C2 compiles to a loop without a
   * bounds check per load, so {@code (to - from) * rowBytes} must stay under 2 GiB.
   *
   * <p>Every kernel has this loop of its own, not a shared default: C2 inlines by call site, and
   * a shared loop's call sees every type of the model (Q4_K and Q6_K in a Q4_K_M file) and
   * inlines both kernels into one compilation. That outgrows the node budget within which C2
   * still turns vector operations into instructions; past it they run as Java code that
   * allocates every vector, several times slower.
   */
  void dotRows(MemorySegment src, long rowBytes, int n, int from, int to, float[] x, float[] out);

  /** Rows {@code from .. to} of {@code src} as a segment of their own; see {@link #dotRows}. */
  static MemorySegment slice(MemorySegment src, long rowBytes, int from, int to) {
    return src.asSlice(from * rowBytes, (to - from) * rowBytes);
  }

  /**
   * The row taken with row {@code i < half} of a range of {@code count} rows: its twin in the
   * second half; the middle row of an odd count is taken with itself.
   */
  static int partner(int i, int half, int count) {
    return i + half < count ? i + half : i;
  }

  /** The largest {@code to - from} that {@link #dotRows} accepts for rows of this many bytes. */
  static int maxRows(long rowBytes) {
    return (int) Math.max(1, Integer.MAX_VALUE / rowBytes);
  }

  /** The reference for {@link #dotRows}: the scalar dequantization, then a plain float loop. */
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
