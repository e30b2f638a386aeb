package dev.ward.guard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guard.Fixtures;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Sequences evaluated together give what each gives alone. */
class ForwardTogetherTest {

  @Test
  void batchedEqualsSeparate() {
    JsonNode prompts = Fixtures.json("llama-guard/lg2-tiny-guard-q8_0.exact.json");
    int[] a = ConformanceTest.ints(prompts.get(0).get("tokens"));
    int[] b = ConformanceTest.ints(prompts.get(3).get("tokens"));
    int[] c = {791, 4062, 14198};
    try (LlamaModel model = LlamaModel.load(Fixtures.fixture("models/tiny-guard-q8_0.gguf"), 2)) {
      float[] aloneA = model.newSequence().forward(a);
      float[] aloneB = model.newSequence().forward(b);
      Sequence cPrefix = model.newSequence();
      cPrefix.forward(a);
      float[] aloneC = cPrefix.forward(c);

      Sequence continued = model.newSequence();
      continued.forward(a);
      List<float[]> together = Sequence.forwardTogether(
          List.of(model.newSequence(), model.newSequence(), continued), List.of(a, b, c), () -> false);

      assertThat(a.length + b.length).isGreaterThan(Sequence.MAX_ROWS);
      assertSameLogits(together.get(0), aloneA);
      assertSameLogits(together.get(1), aloneB);
      assertSameLogits(together.get(2), aloneC);
      assertThat(continued.position()).isEqualTo(a.length + c.length);
    }
  }

  /**
   * Batching does not change the arithmetic of a row, but the Vector API leaves the order of a
   * float lane reduction open, and it differs between interpreted and compiled code.
   */
  private static void assertSameLogits(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("logit %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f * Math.max(1, Math.abs(expected[i]))));
    }
  }

  @Test
  void cancellationStopsThePassAndSpoilsTheSequences() {
    try (LlamaModel model = LlamaModel.load(Fixtures.fixture("models/tiny-llama3-q8_0.gguf"), 1)) {
      Sequence sequence = model.newSequence();
      assertThatThrownBy(() -> Sequence.forwardTogether(List.of(sequence), List.of(new int[] {1, 2}),
          () -> true)).isInstanceOf(CancellationException.class);
      assertThatThrownBy(() -> sequence.forward(3))
          .hasMessage("sequence was interrupted during a forward pass");
      assertThatThrownBy(() -> Sequence.forwardTogether(List.of(model.newSequence()), List.of(), () -> false))
          .hasMessageContaining("need one token array per sequence");
      assertThatThrownBy(() -> model.newSequence().forward(128256))
          .hasMessage("token id 128256 is outside the vocabulary 0..128255");
    }
  }
}
