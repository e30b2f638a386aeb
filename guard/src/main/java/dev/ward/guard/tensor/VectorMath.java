package dev.ward.guard.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SIMD loops over float arrays for the forward pass: dot products, norms, element-wise ops. */
public final class VectorMath {
  private static final VectorSpecies<Float> F = Kernels.F;

  private VectorMath() {}

  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
    FloatVector acc = FloatVector.zero(F);
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += F.length()) {
      acc = FloatVector.fromArray(F, a, aOffset + i).fma(FloatVector.fromArray(F, b, bOffset + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  /**
   * Four dot products of one row against four vectors, sharing the row's loads:
   * {@code out[outOffset + k * outStride] = dot(w, x_k)} where {@code x_k} starts at
   * {@code x[xOffset + k * xStride]}.
   */
  static void dot4(float[] w, int wOffset, float[] x, int xOffset, int xStride, int n,
      float[] out, int outOffset, int outStride) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    int x0 = xOffset;
    int x1 = x0 + xStride;
    int x2 = x1 + xStride;
    int x3 = x2 + xStride;
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += F.length()) {
      FloatVector wv = FloatVector.fromArray(F, w, wOffset + i);
      a0 = wv.fma(FloatVector.fromArray(F, x, x0 + i), a0);
      a1 = wv.fma(FloatVector.fromArray(F, x, x1 + i), a1);
      a2 = wv.fma(FloatVector.fromArray(F, x, x2 + i), a2);
      a3 = wv.fma(FloatVector.fromArray(F, x, x3 + i), a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    float s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD);
    float s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float wi = w[wOffset + i];
      s0 += wi * x[x0 + i];
      s1 += wi * x[x1 + i];
      s2 += wi * x[x2 + i];
      s3 += wi * x[x3 + i];
    }
    out[outOffset] = s0;
    out[outOffset + outStride] = s1;
    out[outOffset + 2 * outStride] = s2;
    out[outOffset + 3 * outStride] = s3;
  }

  /**
   * Eight dot products, two rows of {@code w} (the second {@code wStride} after the first)
   * against four vectors of {@code x} ({@code xStride} apart): each loaded vector feeds two or
   * four multiply-adds, so the loop is bound by arithmetic more than by loads. Writes
   * {@code out[outOffset + token * outStride + row]}. (Four rows by four tokens would load less
   * still, but its sixteen accumulators exceed what C2 inlines and intrinsifies in one method.)
   */
  static void dot2x4(float[] w, int wOffset, int wStride, float[] x, int xOffset, int xStride,
      int n, float[] out, int outOffset, int outStride) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector b2 = a0;
    FloatVector b3 = a0;
    int w1 = wOffset + wStride;
    int x1 = xOffset + xStride;
    int x2 = x1 + xStride;
    int x3 = x2 + xStride;
    int upper = F.loopBound(n);
    for (int i = 0; i < upper; i += F.length()) {
      FloatVector v0 = FloatVector.fromArray(F, x, xOffset + i);
      FloatVector v1 = FloatVector.fromArray(F, x, x1 + i);
      FloatVector v2 = FloatVector.fromArray(F, x, x2 + i);
      FloatVector v3 = FloatVector.fromArray(F, x, x3 + i);
      FloatVector r = FloatVector.fromArray(F, w, wOffset + i);
      a0 = r.fma(v0, a0);
      a1 = r.fma(v1, a1);
      a2 = r.fma(v2, a2);
      a3 = r.fma(v3, a3);
      FloatVector s = FloatVector.fromArray(F, w, w1 + i);
      b0 = s.fma(v0, b0);
      b1 = s.fma(v1, b1);
      b2 = s.fma(v2, b2);
      b3 = s.fma(v3, b3);
    }
    out[outOffset] = a0.reduceLanes(VectorOperators.ADD);
    out[outOffset + outStride] = a1.reduceLanes(VectorOperators.ADD);
    out[outOffset + 2 * outStride] = a2.reduceLanes(VectorOperators.ADD);
    out[outOffset + 3 * outStride] = a3.reduceLanes(VectorOperators.ADD);
    out[outOffset + 1] = b0.reduceLanes(VectorOperators.ADD);
    out[outOffset + outStride + 1] = b1.reduceLanes(VectorOperators.ADD);
    out[outOffset + 2 * outStride + 1] = b2.reduceLanes(VectorOperators.ADD);
    out[outOffset + 3 * outStride + 1] = b3.reduceLanes(VectorOperators.ADD);
    for (int i = upper; i < n; i++) {
      for (int k = 0; k < 4; k++) {
        out[outOffset + k * outStride] += w[wOffset + i] * x[xOffset + k * xStride + i];
        out[outOffset + k * outStride + 1] += w[w1 + i] * x[xOffset + k * xStride + i];
      }
    }
  }

  /** {@code y[yOffset + i] += a * x[xOffset + i]}. */
  public static void axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int n) {
    FloatVector av = FloatVector.broadcast(F, a);
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += F.length()) {
      FloatVector.fromArray(F, x, xOffset + i).fma(av, FloatVector.fromArray(F, y, yOffset + i))
          .intoArray(y, yOffset + i);
    }
    for (; i < n; i++) {
      y[yOffset + i] += a * x[xOffset + i];
    }
  }

  /** {@code y[i] += x[i]} over {@code n} values. */
  public static void add(float[] x, int xOffset, float[] y, int yOffset, int n) {
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += F.length()) {
      FloatVector.fromArray(F, x, xOffset + i).add(FloatVector.fromArray(F, y, yOffset + i))
          .intoArray(y, yOffset + i);
    }
    for (; i < n; i++) {
      y[yOffset + i] += x[xOffset + i];
    }
  }

  /**
   * RMS normalization as llama.cpp does it: {@code out = x / sqrt(mean(x^2) + eps) * weight}. The
   * sum of squares is accumulated in double, since {@code n} reaches thousands.
   */
  public static void rmsNorm(float[] x, int xOffset, float[] weight, float eps, float[] out,
      int outOffset, int n) {
    double sum = 0;
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += F.length()) {
      FloatVector v = FloatVector.fromArray(F, x, xOffset + i);
      sum += v.mul(v).reduceLanes(VectorOperators.ADD);
    }
    for (; i < n; i++) {
      sum += (double) x[xOffset + i] * x[xOffset + i];
    }
    float scale = (float) (1.0 / Math.sqrt(sum / n + eps));
    i = 0;
    for (int upper = F.loopBound(n); i < upper; i += F.length()) {
      FloatVector.fromArray(F, x, xOffset + i).mul(scale).mul(FloatVector.fromArray(F, weight, i))
          .intoArray(out, outOffset + i);
    }
    for (; i < n; i++) {
      out[outOffset + i] = x[xOffset + i] * scale * weight[i];
    }
  }

  /** SwiGLU in place: {@code gate[i] = silu(gate[i]) * up[i]}. */
  public static void swiglu(float[] gate, float[] up, int offset, int n) {
    for (int i = offset; i < offset + n; i++) {
      float g = gate[i];
      gate[i] = (float) (g / (1.0 + Math.exp(-g))) * up[i];
    }
  }

  /** Index of the largest value; the lowest index among ties. */
  public static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
