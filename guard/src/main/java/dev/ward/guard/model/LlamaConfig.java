package dev.ward.guard.model;

import dev.ward.guard.gguf.GgufException;
import dev.ward.guard.gguf.GgufMetadata;
import java.util.Locale;

/**
 * The hyper-parameters of a Llama model, read from GGUF metadata ({@code llama.*} keys) and
 * checked for consistency before any tensor is touched.
 *
 * @param dim embedding width
 * @param layers transformer blocks
 * @param heads query heads
 * @param kvHeads key/value heads (grouped-query attention when fewer than {@code heads})
 * @param headDim width of one head, {@code dim / heads}
 * @param ffn hidden width of the feed-forward network
 * @param contextLength the longest sequence the model was trained for
 * @param rmsEps epsilon of RMS normalization
 * @param ropeBase base of the rotary embedding frequencies
 * @param ropeLinearScale positions are multiplied by this (1 without linear rope scaling)
 */
public record LlamaConfig(int dim, int layers, int heads, int kvHeads, int headDim, int ffn,
    int contextLength, float rmsEps, float ropeBase, float ropeLinearScale) {

  static final String ARCHITECTURE = "llama";

  public LlamaConfig {
    if (dim % heads != 0 || headDim != dim / heads) {
      throw new GgufException("embedding width " + dim + " is not " + heads + " heads x " + headDim);
    }
    if (heads % kvHeads != 0) {
      throw new GgufException(heads + " query heads cannot be grouped over " + kvHeads + " kv heads");
    }
    if (headDim % 2 != 0) {
      throw new GgufException("head width " + headDim + " is odd; rotary embedding needs pairs");
    }
    if (!(rmsEps > 0 && rmsEps < 1)) {
      throw new GgufException("rms epsilon " + rmsEps + " is outside (0, 1)");
    }
    if (!(ropeBase > 1 && Float.isFinite(ropeBase))) {
      throw new GgufException("rope base " + ropeBase + " must be a finite number above 1");
    }
  }

  public int kvDim() {
    return kvHeads * headDim;
  }

  static LlamaConfig from(GgufMetadata metadata) {
    String architecture = metadata.requireString("general.architecture");
    if (!architecture.equals(ARCHITECTURE)) {
      throw new GgufException("model architecture is '" + architecture + "'; Ward runs '"
          + ARCHITECTURE + "' models (Llama 3, Llama Guard 2 and 3)");
    }
    String p = ARCHITECTURE + ".";
    int dim = metadata.requireInt(p + "embedding_length", 1, 1 << 16);
    int heads = metadata.requireInt(p + "attention.head_count", 1, 1024);
    int kvHeads = metadata.intInRange(p + "attention.head_count_kv", 1, 1024).orElse(heads);
    if (dim % heads != 0) {
      throw new GgufException("embedding_length " + dim + " is not a multiple of head_count " + heads);
    }
    int headDim = dim / heads;
    for (String key : new String[] {"attention.key_length", "attention.value_length",
        "rope.dimension_count"}) {
      metadata.intInRange(p + key, 1, 1 << 16).ifPresent(v -> {
        if (v != headDim) {
          throw new GgufException("metadata '" + p + key + "' = " + v + "; Ward supports only "
              + "the head width embedding_length / head_count = " + headDim);
        }
      });
    }
    return new LlamaConfig(dim,
        metadata.requireInt(p + "block_count", 1, 1024),
        heads,
        kvHeads,
        headDim,
        metadata.requireInt(p + "feed_forward_length", 1, 1 << 20),
        metadata.requireInt(p + "context_length", 1, 1 << 24),
        metadata.number(p + "attention.layer_norm_rms_epsilon").orElse(1e-5).floatValue(),
        metadata.number(p + "rope.freq_base").orElse(10000.0).floatValue(),
        linearScale(metadata, p));
  }

  private static float linearScale(GgufMetadata metadata, String p) {
    String type = metadata.string(p + "rope.scaling.type").orElse("none").toLowerCase(Locale.ROOT);
    return switch (type) {
      case "none" -> 1f;
      case "linear" -> {
        double factor = metadata.number(p + "rope.scaling.factor").orElse(1.0);
        if (!(factor >= 1 && factor <= 1024)) {
          throw new GgufException("rope scaling factor " + factor + " is outside 1..1024");
        }
        yield (float) (1 / factor);
      }
      default -> throw new GgufException("rope scaling '" + type
          + "' is not supported; Ward supports none, linear and Llama 3.1 rope_freqs");
    };
  }
}
