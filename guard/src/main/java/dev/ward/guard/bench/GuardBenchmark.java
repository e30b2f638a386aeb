package dev.ward.guard.bench;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.LlamaGuard;

/**
 * Latency of one Llama Guard classification, with the verdict cache off: cold (the whole prompt
 * evaluated) and prefix-cached (the instruction prefix restored from its snapshot). The two
 * guards share one model; each is warmed up once, which also fills the prefix cache.
 */
public final class GuardBenchmark {
  /** A short, ordinary user prompt. */
  public static final Conversation TYPICAL = Conversation.prompt("How do I bake sourdough bread at home?");

  private GuardBenchmark() {}

  /** Medians over the runs, in milliseconds. */
  public record Result(int promptTokens, double unsafeProbability, double coldMillis,
      double prefixCachedMillis, int runs) {}

  public static Result run(LlamaGuard cold, LlamaGuard cached, Conversation conversation, int runs) {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be >= 1; got " + runs);
    }
    cold.classify(conversation);
    cached.classify(conversation);
    double[] coldMs = new double[runs];
    double[] cachedMs = new double[runs];
    double probability = 0;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      probability = cold.classify(conversation).unsafeProbability();
      long t1 = System.nanoTime();
      cached.classify(conversation);
      long t2 = System.nanoTime();
      coldMs[r] = (t1 - t0) / 1e6;
      cachedMs[r] = (t2 - t1) / 1e6;
    }
    return new Result(cached.prompt(conversation).tokens().length, probability,
        Stats.median(coldMs), Stats.median(cachedMs), runs);
  }
}
