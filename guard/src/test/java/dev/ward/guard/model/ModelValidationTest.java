package dev.ward.guard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.guard.gguf.GgufBuilder;
import dev.ward.guard.gguf.GgufException;
import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A model file is checked whole before use; each broken file gets its own message. */
class ModelValidationTest {
  private static final int DIM = 32;
  private static final int KV = 16;
  private static final int FFN = 64;
  private static final int VOCAB = 48;

  /** A one-layer Llama with random F32 weights; {@code edit} may change the builder first. */
  static GgufBuilder tiny(UnaryOperator<GgufBuilder> edit, String... skip) {
    Random random = new Random(5);
    GgufBuilder b = edit.apply(new GgufBuilder()
        .string("general.architecture", "llama")
        .u32("llama.embedding_length", DIM)
        .u32("llama.block_count", 1)
        .u32("llama.feed_forward_length", FFN)
        .u32("llama.attention.head_count", 2)
        .u32("llama.attention.head_count_kv", 1)
        .u32("llama.context_length", 64)
        .f32("llama.rope.freq_base", 500000f)
        .f32("llama.attention.layer_norm_rms_epsilon", 1e-5f));
    java.util.List<String> skipped = java.util.List.of(skip);
    Object[][] tensors = {
        {"token_embd.weight", DIM, VOCAB}, {"output_norm.weight", DIM},
        {"blk.0.attn_norm.weight", DIM}, {"blk.0.attn_q.weight", DIM, DIM},
        {"blk.0.attn_k.weight", DIM, KV}, {"blk.0.attn_v.weight", DIM, KV},
        {"blk.0.attn_output.weight", DIM, DIM}, {"blk.0.ffn_norm.weight", DIM},
        {"blk.0.ffn_gate.weight", DIM, FFN}, {"blk.0.ffn_up.weight", DIM, FFN},
        {"blk.0.ffn_down.weight", FFN, DIM}};
    for (Object[] t : tensors) {
      String name = (String) t[0];
      if (skipped.contains(name)) {
        continue;
      }
      long[] dims = new long[t.length - 1];
      int n = 1;
      for (int i = 1; i < t.length; i++) {
        dims[i - 1] = (Integer) t[i];
        n *= (Integer) t[i];
      }
      float[] values = new float[n];
      for (int i = 0; i < n; i++) {
        values[i] = name.contains("norm") ? 1 : (float) random.nextGaussian() * 0.2f;
      }
      b.tensor(name, values, dims);
    }
    return b;
  }

  private static LlamaModel load(GgufBuilder builder) {
    return LlamaModel.of(GgufFile.of(MemorySegment.ofArray(builder.build()), "m.gguf"), 1);
  }

  @Test
  void aValidTinyModelRuns() {
    try (LlamaModel model = load(tiny(b -> b))) {
      float[] logits = model.newSequence().forward(1, 2, 3);
      assertThat(logits).hasSize(VOCAB);
      for (float l : logits) {
        assertThat(Float.isFinite(l)).isTrue();
      }
      assertThat(model.config().kvHeads()).isEqualTo(1);
    }
  }

  @Test
  void eachProblemHasItsMessage() {
    assertThatThrownBy(() -> load(tiny(b -> b, "blk.0.attn_k.weight")))
        .isInstanceOf(GgufException.class)
        .hasMessage("m.gguf: tensor 'blk.0.attn_k.weight' is missing");
    assertThatThrownBy(() -> load(tiny(b -> b, "blk.0.ffn_up.weight")
        .tensor("blk.0.ffn_up.weight", new float[DIM * FFN], FFN, DIM)))
        .hasMessage("m.gguf: tensor 'blk.0.ffn_up.weight' has wrong shape; expected [32, 64], got [64, 32]");
    assertThatThrownBy(() -> load(tiny(b -> b).tensor("blk.0.attn_q.bias", new float[DIM], DIM)))
        .hasMessageContaining("1 tensors that a Llama model does not use, e.g. [blk.0.attn_q.bias]");
    assertThatThrownBy(() -> load(tiny(b -> b, "output_norm.weight")
        .tensor("output_norm.weight", GgmlType.Q2_K, new byte[84], 256)))
        .hasMessageContaining("tensor 'output_norm.weight' has wrong shape");
    assertThatThrownBy(() -> load(tiny(b -> b.string("general.architecture", "qwen2"))))
        .hasMessageContaining("metadata key 'general.architecture' appears twice");
    assertThatThrownBy(() -> load(tiny(b -> new GgufBuilder().string("general.architecture", "qwen2"))))
        .hasMessage("m.gguf: model architecture is 'qwen2'; Ward runs 'llama' models (Llama 3, Llama Guard 2 and 3)");
    assertThatThrownBy(() -> load(tiny(b -> new GgufBuilder().string("general.architecture", "llama")
        .u32("llama.embedding_length", DIM).u32("llama.attention.head_count", 3))))
        .hasMessage("m.gguf: embedding_length 32 is not a multiple of head_count 3");
  }

  @Test
  void nonFiniteNormWeightsAreRejected() {
    GgufBuilder b = tiny(x -> x, "output_norm.weight");
    float[] norm = new float[DIM];
    norm[3] = Float.NaN;
    assertThatThrownBy(() -> load(b.tensor("output_norm.weight", norm, DIM)))
        .hasMessage("m.gguf: tensor 'output_norm.weight' holds NaN at index 3");
  }

  @Test
  void mutatedModelsFailWithAModelErrorOrLoad() {
    byte[] image = tiny(b -> b).build();
    int header = image.length - (int) ((long) DIM * (VOCAB + 2 * DIM + 2 * KV + 3 * FFN + 3) * 4);
    Random random = new Random(9);
    int loaded = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] mutated = image.clone();
      mutated[random.nextInt(header)] = (byte) random.nextInt(256);
      try (LlamaModel model = LlamaModel.of(GgufFile.of(MemorySegment.ofArray(mutated), "f"), 1)) {
        model.newSequence().forward(0);
        loaded++;
      } catch (GgufException expected) {
        assertThat(expected.getMessage()).startsWith("f: ");
      }
    }
    assertThat(loaded).isPositive();
  }
}
