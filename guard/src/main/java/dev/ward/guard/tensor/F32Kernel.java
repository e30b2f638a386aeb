package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/** F32: IEEE single precision, little-endian. */
final class F32Kernel implements RowKernel {
  @Override
  public GgmlType type() {
    return GgmlType.F32;
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
    MemorySegment.copy(src, Kernels.FLOAT_LE, from, dst, dstOffset, n);
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
      acc = FloatVector.fromMemorySegment(Kernels.F, src, from + 4L * i, Kernels.LE)
          .fma(FloatVector.fromArray(Kernels.F, x, xOffset + i), acc);
    }
    float sum = Vectors.sum(acc);
    for (; i < n; i++) {
      sum += src.get(Kernels.FLOAT_LE, from + 4L * i) * x[xOffset + i];
    }
    return sum;
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
      dst[dstOffset + i] = src.get(Kernels.FLOAT_LE, from + 4L * i);
    }
  }
}
