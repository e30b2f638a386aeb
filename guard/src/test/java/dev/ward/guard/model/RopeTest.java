package dev.ward.guard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Rotary embedding: adjacent pairs, Llama 3.1 frequency divisors, linear scaling. (Checked once
 * against llama.cpp on a random model with a rope_freqs tensor: probabilities agreed to 0.1%,
 * where leaving the factors out moved them by 7%.)
 */
class RopeTest {
  private static LlamaConfig config(float linearScale) {
    return new LlamaConfig(16, 1, 2, 1, 8, 32, 128, 1e-5f, 10000f, linearScale);
  }

  @Test
  void rotatesAdjacentPairsByPositionTimesFrequency() {
    float[] factors = {1, 2, 4, 8};
    Rope rope = new Rope(config(1f), factors);
    float[] v = {1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1};
    rope.apply(v, 0, 2, 5, new float[4], new float[4]);

    for (int i = 0; i < 4; i++) {
      double angle = 5 * Math.pow(10000, -2.0 * i / 8) / factors[i];
      assertThat((double) v[2 * i]).isCloseTo(Math.cos(angle), offset(1e-6));
      assertThat((double) v[2 * i + 1]).isCloseTo(Math.sin(angle), offset(1e-6));
      assertThat((double) v[8 + 2 * i]).isCloseTo(-Math.sin(angle), offset(1e-6));
      assertThat((double) v[8 + 2 * i + 1]).isCloseTo(Math.cos(angle), offset(1e-6));
    }
  }

  @Test
  void positionZeroIsIdentityAndLinearScalingSlowsRotation() {
    float[] v = {0.3f, -0.7f, 1, 2, 3, 4, 5, 6};
    new Rope(config(1f), null).apply(v, 0, 1, 0, new float[4], new float[4]);
    assertThat(v).containsExactly(0.3f, -0.7f, 1, 2, 3, 4, 5, 6);

    float[] scaled = {1, 0, 1, 0, 1, 0, 1, 0};
    float[] plain = {1, 0, 1, 0, 1, 0, 1, 0};
    new Rope(config(0.25f), null).apply(scaled, 0, 1, 8, new float[4], new float[4]);
    new Rope(config(1f), null).apply(plain, 0, 1, 2, new float[4], new float[4]);
    assertThat(scaled).containsExactly(plain);
  }
}
