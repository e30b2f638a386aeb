package dev.ward.guard.sampling;

import dev.ward.guard.model.Sequence;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * Generates tokens on a sequence: evaluates the prompt, then samples one token at a time until a
 * stop token, the token budget or the listener says stop. The stop token itself is reported but
 * not fed back into the sequence.
 */
public final class Generator {
  /** Why generation ended. */
  public enum Stop {
    STOP_TOKEN,
    MAX_TOKENS,
    LISTENER
  }

  /** Receives each generated token as it is chosen; returns false to stop. */
  @FunctionalInterface
  public interface Listener {
    boolean onToken(int token);
  }

  public record Result(int[] tokens, Stop stop) {
    public Result {
      tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
      return tokens.clone();
    }
  }

  private Generator() {}

  /**
   * @param prompt tokens to evaluate first (may be empty if the sequence already holds them and
   *     {@code logits} are given)
   * @param logits next-token logits after the sequence's current tokens, or null to compute
   */
  public static Result generate(Sequence sequence, int[] prompt, float[] logits, int maxTokens,
      SamplingParams params, IntPredicate isStop, Listener listener) {
    return generate(sequence, prompt, logits, maxTokens, params, isStop, listener,
        Thread.currentThread()::isInterrupted);
  }

  /**
   * As above, stopping with a {@link java.util.concurrent.CancellationException} soon after
   * {@code cancelled} turns true: it is checked before each token and inside each forward step.
   */
  public static Result generate(Sequence sequence, int[] prompt, float[] logits, int maxTokens,
      SamplingParams params, IntPredicate isStop, Listener listener, BooleanSupplier cancelled) {
    if (maxTokens < 0) {
      throw new IllegalArgumentException("max tokens must be >= 0; got " + maxTokens);
    }
    float[] next = logits == null ? null : logits.clone();
    if (prompt.length > 0) {
      next = new float[sequence.model().vocabularySize()];
      sequence.forward(prompt, next, cancelled);
    }
    if (next == null) {
      throw new IllegalArgumentException("no prompt tokens and no logits to start from");
    }
    Sampler sampler = new Sampler(params);
    int[] out = new int[Math.min(maxTokens, 1024)];
    int count = 0;
    while (count < maxTokens) {
      int token = sampler.sample(next);
      if (count == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      out[count++] = token;
      boolean more = listener.onToken(token);
      if (isStop.test(token)) {
        return new Result(Arrays.copyOf(out, count), Stop.STOP_TOKEN);
      }
      if (!more) {
        return new Result(Arrays.copyOf(out, count), Stop.LISTENER);
      }
      if (count < maxTokens) {
        sequence.forward(new int[] {token}, next, cancelled);
      }
    }
    return new Result(Arrays.copyOf(out, count), Stop.MAX_TOKENS);
  }
}
