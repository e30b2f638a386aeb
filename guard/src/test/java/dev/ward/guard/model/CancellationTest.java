package dev.ward.guard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.guard.Fixtures;
import dev.ward.guard.sampling.Generator;
import dev.ward.guard.sampling.SamplingParams;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cancelled evaluation stops at once: the model's count of layer steps proves that no layer
 * runs after the condition turned true, in a prompt's forward pass and in token-by-token
 * generation alike.
 */
class CancellationTest {

  @Test
  void aForwardPassStopsInTheLayerWhereItWasCancelled() {
    try (LlamaModel model = LlamaModel.load(Fixtures.fixture("models/tiny-llama3-q4_k_m.gguf"), 2)) {
      int[] prompt = new int[300];
      for (int i = 0; i < prompt.length; i++) {
        prompt[i] = 1000 + i;
      }
      long start = model.layerSteps();
      long stopAt = start + 3;
      Sequence sequence = model.newSequence();

      assertThatThrownBy(() -> Sequence.forwardTogether(List.of(sequence), List.of(prompt),
          () -> model.layerSteps() >= stopAt)).isInstanceOf(CancellationException.class);

      assertThat(model.layerSteps()).isEqualTo(stopAt);
    }
  }

  @Test
  void generationStopsBetweenTokensAndInsideThem() {
    try (LlamaModel model = LlamaModel.load(Fixtures.fixture("models/tiny-llama3-q8_0.gguf"), 2)) {
      int layers = model.config().layers();
      Sequence sequence = model.newSequence();
      sequence.forward(new int[] {128000, 9906}, null);
      long start = model.layerSteps();
      long stopAt = start + 3L * layers + 1;
      int[] generated = {0};

      assertThatThrownBy(() -> Generator.generate(sequence, new int[] {11}, null, 50,
          SamplingParams.GREEDY, token -> false, token -> ++generated[0] > 0,
          () -> model.layerSteps() >= stopAt)).isInstanceOf(CancellationException.class);

      assertThat(model.layerSteps()).isEqualTo(stopAt);
      assertThat(generated[0]).isEqualTo(3);
    }
  }

  /**
   * The kernels read the weights through unchecked aliases of the mapping: closing the model
   * while another thread evaluates stops that pass and unmaps the file only after it has
   * stopped, and a pass begun after the close fails with a message, not a crash.
   */
  @Test
  void closingTheModelStopsARunningPassBeforeTheFileIsUnmapped() throws Exception {
    LlamaModel model = LlamaModel.load(Fixtures.fixture("models/tiny-llama3-q4_k_m.gguf"), 2);
    Sequence sequence = model.newSequence();
    int[] prompt = new int[300];
    for (int i = 0; i < prompt.length; i++) {
      prompt[i] = 1000 + i;
    }
    long start = model.layerSteps();
    CompletableFuture<Void> pass = CompletableFuture.runAsync(() -> {
      while (true) {
        sequence.rewind(0);
        sequence.forward(prompt, null);
      }
    });
    while (model.layerSteps() < start + 2) {
      Thread.onSpinWait();
    }

    model.close();
    long stepsAtClose = model.layerSteps();

    assertThat(pass).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
        .havingCause().isInstanceOfAny(CancellationException.class, IllegalStateException.class);
    assertThat(model.layerSteps()).isEqualTo(stepsAtClose);
    assertThatThrownBy(() -> model.newSequence().forward(new int[] {1}, null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
  }
}
