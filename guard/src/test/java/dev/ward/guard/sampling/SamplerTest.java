package dev.ward.guard.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final float[] LOGITS = {1f, 3f, 2f, Float.NEGATIVE_INFINITY, 3f, 0f};

  @Test
  void greedyTakesTheFirstLargest() {
    assertThat(new Sampler(SamplingParams.GREEDY).sample(LOGITS)).isEqualTo(1);
    assertThat(new Sampler(new SamplingParams(1, 1, 1, 42)).sample(LOGITS)).isEqualTo(1);
  }

  @Test
  void equalSeedsDrawEqualTokens() {
    SamplingParams params = new SamplingParams(1.0, 0, 1.0, 7);
    Sampler a = new Sampler(params);
    Sampler b = new Sampler(params);
    for (int i = 0; i < 50; i++) {
      assertThat(a.sample(LOGITS)).isEqualTo(b.sample(LOGITS));
    }
  }

  @Test
  void drawsFollowTheSoftmaxAtTemperatureOne() {
    Sampler sampler = new Sampler(new SamplingParams(1.0, 0, 1.0, 1));
    int[] counts = new int[LOGITS.length];
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      counts[sampler.sample(LOGITS)]++;
    }
    Probabilities p = new Probabilities(LOGITS);
    for (int id = 0; id < LOGITS.length; id++) {
      assertThat(counts[id] / (double) n).as("token %d", id).isCloseTo(p.of(id), offset(0.005));
    }
    assertThat(counts[3]).isZero();
  }

  @Test
  void topKAndTopPCutTheTail() {
    Sampler topK = new Sampler(new SamplingParams(5.0, 2, 1.0, 3));
    Sampler topP = new Sampler(new SamplingParams(1.0, 0, 0.5, 3));
    for (int i = 0; i < 1000; i++) {
      assertThat(topK.sample(LOGITS)).isIn(1, 4);
      assertThat(topP.sample(LOGITS)).isIn(1, 4);
    }
  }

  @Test
  void paramsAreChecked() {
    assertThatThrownBy(() -> new SamplingParams(-1, 0, 1, 0))
        .hasMessage("temperature must be within [0, 100]; got -1.0");
    assertThatThrownBy(() -> new SamplingParams(1, -5, 1, 0))
        .hasMessage("top-k must be 0 (off) or positive; got -5");
    assertThatThrownBy(() -> new SamplingParams(1, 0, 0, 0))
        .hasMessage("top-p must be within (0, 1]; got 0.0");
  }
}
