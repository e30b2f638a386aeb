package dev.ward.guard.bench;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.GuardSession;
import dev.ward.guard.llamaguard.LlamaGuard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latency of one Llama Guard classification, with the verdict cache off: cold (the whole prompt
 * evaluated) and prefix-cached (the instruction prefix restored from its snapshot). The two
 * guards share one model; both are warmed up until the JIT is quiet ({@link JitWarmup}), which
 * also fills the prefix cache.
 */
public final class GuardBenchmark {
  /** A short, ordinary user prompt. */
  public static final Conversation TYPICAL = Conversation.prompt("How do I bake sourdough bread at home?");

  private GuardBenchmark() {}

  /** The question of the streamed answer in {@link #stream}. */
  public static final String STREAM_QUESTION = "How do I bake sourdough bread at home?";

  /** An ordinary answer, repeated to the length wanted. */
  private static final String STREAM_ANSWER = "Start by feeding your starter the day before, so "
      + "that it is bubbly and active when you mix the dough. Combine the flour and most of the "
      + "water, let it rest for an hour, then add the starter and the salt with the last of the "
      + "water. Over the next few hours, stretch and fold the dough every half hour until it "
      + "feels smooth and airy. Shape it into a tight round, put it in a floured basket and "
      + "leave it in the fridge overnight. Bake it in a very hot covered pot for twenty minutes, "
      + "then uncovered until the crust is deep brown. Let it cool before you cut it. ";

  /**
   * Medians over the runs, in milliseconds; {@code uncachedTokens} is what a prefix-cached
   * classification evaluates (the prompt after the instruction prefix, plus the blank line a
   * Llama Guard 3 1B prompt is extended by).
   */
  public record Result(int promptTokens, int uncachedTokens, double unsafeProbability,
      double coldMillis, double prefixCachedMillis, int runs) {}

  /**
   * A streamed answer re-checked every {@code every} tokens up to {@code answerTokens} in one
   * {@link GuardSession}, against one cold classification of the whole answer (no cache at
   * all) and one with the instruction prefix cached. Times in milliseconds.
   */
  public record StreamResult(int answerTokens, int every, int checks, int promptTokens,
      double sessionTotalMillis, double coldMillis, double prefixCachedMillis) {
    public double ratioToCold() {
      return Math.round(sessionTotalMillis / coldMillis * 100) / 100.0;
    }
  }

  public static Result run(LlamaGuard cold, LlamaGuard cached, Conversation conversation, int runs) {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be >= 1; got " + runs);
    }
    JitWarmup.run(() -> {
      cold.classify(conversation);
      cached.classify(conversation);
    });
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
    int promptTokens = cached.prompt(conversation).tokens().length;
    return new Result(promptTokens, promptTokens - cached.cachedPrefixLength(conversation),
        probability, Stats.median(coldMs), Stats.median(cachedMs), runs);
  }

  /**
   * Times {@link StreamResult}; the guards are {@code cold} (prefix cache off) and {@code cached}
   * (prefix cache on), both with the verdict cache off, after warming up as {@link #run} does.
   */
  public static StreamResult stream(LlamaGuard cold, LlamaGuard cached, int answerTokens,
      int every) {
    if (answerTokens < 1 || every < 1) {
      throw new IllegalArgumentException("answer tokens and the re-check interval must be >= 1");
    }
    int[] answer = cached.tokenizer().encode(STREAM_ANSWER.repeat(answerTokens / 40 + 2));
    answer = Arrays.copyOf(answer, answerTokens);
    List<Conversation> checks = new ArrayList<>();
    for (int end = Math.min(every, answerTokens); ; end = Math.min(end + every, answerTokens)) {
      checks.add(Conversation.response(STREAM_QUESTION,
          cached.tokenizer().decode(Arrays.copyOf(answer, end))));
      if (end == answerTokens) {
        break;
      }
    }
    Conversation whole = checks.getLast();
    JitWarmup.run(() -> {
      cold.classify(checks.getFirst());
      cached.session().classify(checks.getFirst());
    });
    GuardSession session = cached.session();
    long t0 = System.nanoTime();
    for (Conversation check : checks) {
      session.classify(check);
    }
    long t1 = System.nanoTime();
    cold.classify(whole);
    long t2 = System.nanoTime();
    cached.classify(whole);
    long t3 = System.nanoTime();
    return new StreamResult(answerTokens, every, checks.size(),
        cached.prompt(whole).tokens().length, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
  }
}
