package dev.ward.guard.sampling;

/**
 * How the next token is chosen from the logits. Temperature 0 is greedy (argmax); otherwise the
 * logits are divided by the temperature, cut to the {@code topK} most likely tokens (0: no cut)
 * and to the smallest set whose probability reaches {@code topP} (1: no cut), and one token is
 * drawn with a generator seeded by {@code seed}, so equal seeds give equal text.
 */
public record SamplingParams(double temperature, int topK, double topP, long seed) {
  public static final SamplingParams GREEDY = new SamplingParams(0, 0, 1, 0);

  public SamplingParams {
    if (!(temperature >= 0 && temperature <= 100)) {
      throw new IllegalArgumentException("temperature must be within [0, 100]; got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be 0 (off) or positive; got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top-p must be within (0, 1]; got " + topP);
    }
  }

  public boolean greedy() {
    return temperature == 0;
  }
}
