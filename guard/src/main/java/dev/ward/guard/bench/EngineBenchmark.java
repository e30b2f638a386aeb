package dev.ward.guard.bench;

import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.model.Sequence;
import dev.ward.guard.tensor.VectorMath;
import java.util.Arrays;

/**
 * Prefill and decode speed with the protocol of {@code shared/tools/llamacpp/bench.mjs}, so that
 * Ward and llama.cpp can be timed on the same file in the same minute: a prompt of BOS then ids
 * {@code 1000 + (i * 7919) % 100000}, evaluated in one pass; then greedy decoding one token at a
 * time starting from token 9906. Short warm-up runs let the JIT compile the kernels first
 * ({@link JitWarmup}).
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  /**
   * Medians over the runs, and the memory a run's KV cache held at its end (its capacity), the
   * part of the resident memory that grows with the sequence.
   */
  public record Result(int promptTokens, double prefillTokensPerSecond, int decodeTokens,
      double decodeTokensPerSecond, int runs, int warmupRuns, long kvCacheBytes) {}

  public static Result run(LlamaModel model, int promptTokens, int decodeTokens, int runs) {
    if (promptTokens < 1 || decodeTokens < 0 || runs < 1) {
      throw new IllegalArgumentException("prompt tokens and runs must be >= 1, decode tokens >= 0");
    }
    int[] prompt = new int[promptTokens];
    prompt[0] = 128000 % model.vocabularySize();
    for (int i = 1; i < promptTokens; i++) {
      prompt[i] = (1000 + (i * 7919) % 100000) % model.vocabularySize();
    }
    Sequence sequence = model.newSequence();
    int[] warmupPrompt = Arrays.copyOf(prompt, Math.min(promptTokens, 32));
    int warmupRuns = JitWarmup.run(() -> time(sequence, warmupPrompt, Math.min(decodeTokens, 16)));
    double[] prefill = new double[runs];
    double[] decode = new double[runs];
    long kvCacheBytes = 0;
    for (int r = 0; r < runs; r++) {
      Run run = time(sequence, prompt, decodeTokens);
      prefill[r] = promptTokens / run.prefillSeconds();
      decode[r] = decodeTokens == 0 ? 0 : decodeTokens / run.decodeSeconds();
      kvCacheBytes = Math.max(kvCacheBytes, run.kvCacheBytes());
    }
    return new Result(promptTokens, Stats.median(prefill), decodeTokens, Stats.median(decode), runs,
        warmupRuns, kvCacheBytes);
  }

  private record Run(double prefillSeconds, double decodeSeconds, long kvCacheBytes) {}

  /**
   * One run on {@code sequence}, emptied first: every run reuses the one KV cache, as llama.cpp's
   * benchmark clears its context between repetitions, so that peak memory is that of one run
   * and not of the caches of earlier runs waiting for the collector.
   */
  private static Run time(Sequence sequence, int[] prompt, int decode) {
    sequence.rewind(0);
    LlamaModel model = sequence.model();
    long t0 = System.nanoTime();
    sequence.forward(prompt, null);
    long t1 = System.nanoTime();
    int next = 9906 % model.vocabularySize();
    for (int i = 0; i < decode; i++) {
      next = VectorMath.argmax(sequence.forward(next));
    }
    long t2 = System.nanoTime();
    return new Run((t1 - t0) / 1e9, (t2 - t1) / 1e9, sequence.cacheBytes());
  }
}
