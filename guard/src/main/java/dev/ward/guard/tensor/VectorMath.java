package dev.ward.guard.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
    float sum = Vectors.sum(acc);
    for (; i < n; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
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
      sum += Vectors.sum(v.mul(v));
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

  /** SwiGLU in place: {@code gate[i] = silu(gate[i]) * up[i]}, {@code silu(g) = g / (1 + e^-g)}. */
  public static void swiglu(float[] gate, float[] up, int offset, int n) {
    for (int i = offset; i < offset + n; i += F.length()) {
      VectorMask<Float> m = F.indexInRange(i - offset, n);
      FloatVector g = FloatVector.fromArray(F, gate, i, m);
      g.div(Vectors.exp(g.neg()).add(1f)).mul(FloatVector.fromArray(F, up, i, m))
          .intoArray(gate, i, m);
    }
  }

  /**
   * Softmax in place over {@code values[0 .. n)}. Lanes past {@code n} are masked, so every
   * value goes through the same vector exponential ({@link Vectors#exp}).
   */
  public static void softmax(float[] values, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, values[i]);
    }
    FloatVector sum = FloatVector.zero(F);
    for (int i = 0; i < n; i += F.length()) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector e = Vectors.exp(FloatVector.fromArray(F, values, i, m).sub(max))
          .blend(0f, m.not());
      e.intoArray(values, i, m);
      sum = sum.add(e);
    }
    float inverse = 1 / Vectors.sum(sum);
    for (int i = 0; i < n; i += F.length()) {
      VectorMask<Float> m = F.indexInRange(i, n);
      FloatVector.fromArray(F, values, i, m).mul(inverse).intoArray(values, i, m);
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
