package dev.ward.guard.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attention's two loops: against float64 arithmetic, and for the property batch invariance
 * needs, that a key's score and a position's share of the output depend on nothing else in the
 * call.
 */
class VectorMathTest {
  /** Head sizes of real models, of the fixtures, and ones that leave values past a vector. */
  @ParameterizedTest
  @ValueSource(ints = {16, 32, 64, 128, 7, 40, 3})
  void scaledDotsAreDotProductsTimesTheScale(int n) {
    Random random = new Random(n);
    int stride = n + 5;
    int count = 3 * VectorMath.LANES + 2;
    float[] q = randoms(random, n + 2);
    float[] keys = randoms(random, count * stride + 4);
    float[] scores = new float[count];
    VectorMath.scaledDots(q, 2, keys, 4, stride, count, n, 0.125f, scores, scratch());
    for (int p = 0; p < count; p++) {
      double expected = 0;
      double magnitude = 0;
      for (int i = 0; i < n; i++) {
        expected += (double) q[2 + i] * keys[4 + p * stride + i];
        magnitude += Math.abs((double) q[2 + i] * keys[4 + p * stride + i]);
      }
      assertThat((double) scores[p]).as("key %d", p)
          .isCloseTo(expected * 0.125, within(1e-6 * magnitude));
    }
  }

  /** A key scores the same bits alone, first or last in a group, or in a longer call. */
  @ParameterizedTest
  @ValueSource(ints = {64, 40})
  void aKeyScoresTheSameBitsInAnyCall(int n) {
    Random random = new Random(7 * n);
    int count = 2 * VectorMath.LANES + 3;
    float[] q = randoms(random, n);
    float[] keys = randoms(random, count * n);
    float[] all = new float[count];
    VectorMath.scaledDots(q, 0, keys, 0, n, count, n, 0.5f, all, scratch());
    for (int p = 0; p < count; p++) {
      float[] alone = new float[1];
      VectorMath.scaledDots(q, 0, keys, p * n, n, 1, n, 0.5f, alone, scratch());
      float[] prefix = new float[p + 1];
      VectorMath.scaledDots(q, 0, keys, 0, n, p + 1, n, 0.5f, prefix, scratch());
      assertThat(Float.floatToRawIntBits(alone[0])).as("key %d alone", p)
          .isEqualTo(Float.floatToRawIntBits(all[p]));
      assertThat(Float.floatToRawIntBits(prefix[p])).as("key %d last of %d", p, p + 1)
          .isEqualTo(Float.floatToRawIntBits(all[p]));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 64, 128, 80, 7, 3})
  void weightedSumAddsEachPositionsValues(int n) {
    Random random = new Random(3 * n);
    int stride = n + 3;
    int count = 37;
    float[] weights = randoms(random, count);
    float[] values = randoms(random, count * stride + 1);
    float[] out = new float[n + 2];
    out[0] = 42;
    out[n + 1] = 43;
    VectorMath.weightedSum(weights, count, values, 1, stride, out, 1, n);
    for (int i = 0; i < n; i++) {
      double expected = 0;
      double magnitude = 0;
      for (int p = 0; p < count; p++) {
        expected += (double) weights[p] * values[1 + p * stride + i];
        magnitude += Math.abs((double) weights[p] * values[1 + p * stride + i]);
      }
      assertThat((double) out[1 + i]).as("value %d", i).isCloseTo(expected, within(1e-6 * magnitude));
    }
    assertThat(out[0]).as("before the output").isEqualTo(42);
    assertThat(out[n + 1]).as("past the output").isEqualTo(43);
  }

  /**
   * Bit for bit the documented chain: per value, one multiply-add per position in position
   * order on vector lanes, a multiply then an add past the last whole vector. The same order as
   * adding each position's values to the output in turn, which is what the output was before.
   */
  @ParameterizedTest
  @ValueSource(ints = {64, 80, 7})
  void weightedSumIsOneChainInPositionOrder(int n) {
    Random random = new Random(11 * n);
    int count = 20;
    float[] weights = randoms(random, count);
    float[] values = randoms(random, count * n);
    float[] out = new float[n];
    VectorMath.weightedSum(weights, count, values, 0, n, out, 0, n);
    int vectorEnd = n / VectorMath.LANES * VectorMath.LANES;
    for (int i = 0; i < n; i++) {
      float chain = 0;
      for (int p = 0; p < count; p++) {
        chain = i < vectorEnd ? Math.fma(values[p * n + i], weights[p], chain)
            : chain + weights[p] * values[p * n + i];
      }
      assertThat(Float.floatToRawIntBits(out[i])).as("value %d", i)
          .isEqualTo(Float.floatToRawIntBits(chain));
    }
  }

  private static float[] scratch() {
    return new float[VectorMath.LANES * VectorMath.LANES];
  }

  private static float[] randoms(Random random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }
}
