package dev.ward.guard.sampling;

import dev.ward.guard.tensor.VectorMath;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks tokens from logits under {@link SamplingParams}. Holds the random generator, so one
 * sampler serves one sequence; not thread-safe.
 */
public final class Sampler {
  private final SamplingParams params;
  private final SplittableRandom random;

  public Sampler(SamplingParams params) {
    this.params = params;
    this.random = new SplittableRandom(params.seed());
  }

  public int sample(float[] logits) {
    if (params.greedy()) {
      return VectorMath.argmax(logits);
    }
    int[] candidates = candidates(logits);
    double[] probabilities = new double[candidates.length];
    double max = logits[candidates[0]];
    double sum = 0;
    for (int i = 0; i < candidates.length; i++) {
      probabilities[i] = Math.exp((logits[candidates[i]] - max) / params.temperature());
      sum += probabilities[i];
    }
    int kept = candidates.length;
    if (params.topP() < 1) {
      double cumulative = 0;
      for (int i = 0; i < candidates.length; i++) {
        cumulative += probabilities[i] / sum;
        if (cumulative >= params.topP()) {
          kept = i + 1;
          break;
        }
      }
    }
    double total = 0;
    for (int i = 0; i < kept; i++) {
      total += probabilities[i];
    }
    double draw = random.nextDouble() * total;
    for (int i = 0; i < kept; i++) {
      draw -= probabilities[i];
      if (draw < 0) {
        return candidates[i];
      }
    }
    return candidates[kept - 1];
  }

  /** Token ids by descending logit, cut to top-k when set; ties keep the lower id first. */
  private int[] candidates(float[] logits) {
    long[] keys = new long[logits.length];
    for (int i = 0; i < logits.length; i++) {
      keys[i] = ((long) descendingKey(logits[i]) << 32) | i;
    }
    int k = params.topK() == 0 ? logits.length : Math.min(params.topK(), logits.length);
    Arrays.sort(keys);
    int[] ids = new int[k];
    for (int i = 0; i < k; i++) {
      ids[i] = (int) keys[i];
    }
    return ids;
  }

  /** An int that sorts ascending as the float sorts descending (NaN last). */
  private static int descendingKey(float value) {
    if (Float.isNaN(value)) {
      return Integer.MAX_VALUE;
    }
    int bits = Float.floatToIntBits(value);
    int ascending = bits >= 0 ? bits ^ Integer.MIN_VALUE : ~bits;
    return ~ascending ^ Integer.MIN_VALUE;
  }
}
