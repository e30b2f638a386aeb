package dev.ward.guard.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** SIMD loops over float arrays for the forward pass: dot products, norms, element-wise ops. */
public final class VectorMath {
  private static final VectorSpecies<Float> F = Kernels.F;
  /** Floats per vector: the width of this JVM's kernels. */
  public static final int LANES = F.length();

  private VectorMath() {}

  /**
   * Attention scores: {@code out[p] = dot(q, key p) * scale} for {@code count} keys, key
   * {@code p} at {@code keys[keyOffset + p * keyStride ..]}, each over {@code n} values. A key's
   * score is a function of the query and that key alone (a lane-wise multiply-add chain, the
   * fixed-order lane sum of {@link Vectors#sum}, then the values past the last whole vector), so
   * a query scores its keys alike in a prefill and in a decode step. The lane sums of
   * {@code LANES} keys are taken at once ({@link Vectors#sumEach}, the same bits): one lane sum
   * per key had cost decoding a tenth of its time at a few hundred positions.
   *
   * @param scratch at least {@link #LANES} squared floats, overwritten
   */
  public static void scaledDots(float[] q, int qOffset, float[] keys, int keyOffset,
      int keyStride, int count, int n, float scale, float[] out, float[] scratch) {
    int lanes = F.length();
    int vectorEnd = F.loopBound(n);
    for (int group = 0; group < count; group += lanes) {
      int inGroup = Math.min(lanes, count - group);
      for (int k = 0; k < inGroup; k++) {
        int key = keyOffset + (group + k) * keyStride;
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < vectorEnd; i += lanes) {
          acc = FloatVector.fromArray(F, q, qOffset + i)
              .fma(FloatVector.fromArray(F, keys, key + i), acc);
        }
        acc.intoArray(scratch, k * lanes);
      }
      FloatVector sums = Vectors.sumEach(scratch, 0, lanes);
      if (vectorEnd == n) {
        sums.mul(scale).intoArray(out, group, F.indexInRange(0, inGroup));
        continue;
      }
      for (int k = 0; k < inGroup; k++) {
        int key = keyOffset + (group + k) * keyStride;
        float sum = sums.lane(k);
        for (int i = vectorEnd; i < n; i++) {
          sum += q[qOffset + i] * keys[key + i];
        }
        out[group + k] = sum * scale;
      }
    }
  }

  /**
   * Attention's weighted sum of values: {@code out[outOffset + i] = sum over p < count of
   * weights[p] * values[valueOffset + p * valueStride + i]} for {@code i < n}, the products added
   * in order of {@code p}, one rounding each (a multiply-add on vector lanes, a multiply then an
   * add on the values past the last whole vector). The sums stay in registers across the
   * positions, four vectors at a time, where adding each position to {@code out} in memory
   * loaded and stored every vector once per position.
   */
  public static void weightedSum(float[] weights, int count, float[] values, int valueOffset,
      int valueStride, float[] out, int outOffset, int n) {
    int lanes = F.length();
    int vectorEnd = F.loopBound(n);
    int i = 0;
    for (; i + 4 * lanes <= vectorEnd; i += 4 * lanes) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int p = 0; p < count; p++) {
        int at = valueOffset + p * valueStride + i;
        FloatVector w = FloatVector.broadcast(F, weights[p]);
        a0 = FloatVector.fromArray(F, values, at).fma(w, a0);
        a1 = FloatVector.fromArray(F, values, at + lanes).fma(w, a1);
        a2 = FloatVector.fromArray(F, values, at + 2 * lanes).fma(w, a2);
        a3 = FloatVector.fromArray(F, values, at + 3 * lanes).fma(w, a3);
      }
      a0.intoArray(out, outOffset + i);
      a1.intoArray(out, outOffset + i + lanes);
      a2.intoArray(out, outOffset + i + 2 * lanes);
      a3.intoArray(out, outOffset + i + 3 * lanes);
    }
    for (; i < vectorEnd; i += lanes) {
      FloatVector acc = FloatVector.zero(F);
      for (int p = 0; p < count; p++) {
        acc = FloatVector.fromArray(F, values, valueOffset + p * valueStride + i)
            .fma(FloatVector.broadcast(F, weights[p]), acc);
      }
      acc.intoArray(out, outOffset + i);
    }
    for (; i < n; i++) {
      float sum = 0;
      for (int p = 0; p < count; p++) {
        sum += weights[p] * values[valueOffset + p * valueStride + i];
      }
      out[outOffset + i] = sum;
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
