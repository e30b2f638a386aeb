package dev.ward.guard.model;

/**
 * Rotary position embedding as llama.cpp applies it to Llama weights in GGUF (its "normal" mode):
 * the conversion script permuted the Q and K weights so that rotation pairs are adjacent values
 * {@code (2i, 2i+1)} of each head. Pair {@code i} at position {@code p} turns by
 * {@code p * scale * base^(-2i/d) / factor[i]}, where {@code factor} comes from the optional
 * {@code rope_freqs} tensor (Llama 3.1's long-context scaling). Angles are computed in double.
 */
final class Rope {
  private final double[] frequencies;
  private final int headDim;

  Rope(LlamaConfig config, float[] factors) {
    this.headDim = config.headDim();
    int pairs = headDim / 2;
    this.frequencies = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      double frequency = Math.pow(config.ropeBase(), -2.0 * i / headDim) * config.ropeLinearScale();
      frequencies[i] = factors == null ? frequency : frequency / factors[i];
    }
  }

  /** Rotates {@code heads} consecutive heads of {@code v} starting at {@code offset}. */
  void apply(float[] v, int offset, int heads, int position, float[] cos, float[] sin) {
    for (int i = 0; i < frequencies.length; i++) {
      double angle = position * frequencies[i];
      cos[i] = (float) Math.cos(angle);
      sin[i] = (float) Math.sin(angle);
    }
    for (int h = 0; h < heads; h++) {
      int base = offset + h * headDim;
      for (int i = 0; i < frequencies.length; i++) {
        float a = v[base + 2 * i];
        float b = v[base + 2 * i + 1];
        v[base + 2 * i] = a * cos[i] - b * sin[i];
        v[base + 2 * i + 1] = a * sin[i] + b * cos[i];
      }
    }
  }

  int pairs() {
    return frequencies.length;
  }
}
