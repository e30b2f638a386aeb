package dev.ward.cli;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.model.Sequence;
import dev.ward.guard.tensor.VectorMath;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure speed on a model file; prints JSON.",
        "Engine (default): prefill and decode tokens per second, with the token protocol of "
            + "shared/tools/llamacpp/bench.mjs, so the two can run side by side.",
        "--guard: latency of one Llama Guard classification of a short conversation, cold and "
            + "with the instruction prefix cached."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GuardOptions guard;

  @Option(names = "--guard", description = "Benchmark Llama Guard classification latency.")
  boolean guardMode;

  @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "256",
      description = "Tokens to prefill (default ${DEFAULT-VALUE}).")
  int promptTokens;

  @Option(names = "--decode-tokens", paramLabel = "N", defaultValue = "16",
      description = "Tokens to decode one at a time (default ${DEFAULT-VALUE}).")
  int decodeTokens;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
      description = "Measured runs after one warm-up; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() {
    if (runs < 1 || promptTokens < 1 || decodeTokens < 0) {
      throw new UsageException("--runs and --prompt-tokens must be >= 1, --decode-tokens >= 0");
    }
    Map<String, Object> result = guardMode ? guardLatency() : engineSpeed();
    Json.print(spec.commandLine().getOut(), result, true);
    return 0;
  }

  private Map<String, Object> engineSpeed() {
    try (LlamaModel model = guard.model.load()) {
      int[] prompt = new int[promptTokens];
      prompt[0] = 128000;
      for (int i = 1; i < promptTokens; i++) {
        prompt[i] = (1000 + (i * 7919) % 100000) % model.vocabularySize();
      }
      measureEngine(model, Arrays.copyOf(prompt, Math.min(promptTokens, 32)), Math.min(decodeTokens, 4));
      double[] prefill = new double[runs];
      double[] decode = new double[runs];
      for (int r = 0; r < runs; r++) {
        double[] seconds = measureEngine(model, prompt, decodeTokens);
        prefill[r] = promptTokens / seconds[0];
        decode[r] = decodeTokens == 0 ? 0 : decodeTokens / seconds[1];
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("engine", "ward");
      json.put("model", guard.model.model.toString());
      json.put("threads", guard.model.threads());
      json.put("prefill_tokens", promptTokens);
      json.put("prefill_tok_s", median(prefill));
      json.put("decode_tokens", decodeTokens);
      json.put("decode_tok_s", median(decode));
      json.put("runs", runs);
      return json;
    }
  }

  /** Seconds for the prefill and for the decode steps; decoding starts from token 9906. */
  private static double[] measureEngine(LlamaModel model, int[] prompt, int decode) {
    Sequence sequence = model.newSequence();
    long t0 = System.nanoTime();
    sequence.forward(prompt);
    long t1 = System.nanoTime();
    int next = 9906 % model.vocabularySize();
    for (int i = 0; i < decode; i++) {
      next = VectorMath.argmax(sequence.forward(next));
    }
    long t2 = System.nanoTime();
    return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
  }

  private Map<String, Object> guardLatency() {
    Conversation conversation = Conversation.prompt("How do I bake sourdough bread at home?");
    LlamaGuard.Options.Builder options = LlamaGuard.Options.builder().verdictCacheSize(0);
    try (LlamaGuard cached = guard.load(options.prefixCache(true), spec.commandLine().getErr());
        LlamaGuard cold = LlamaGuard.of(cached.model(), options.prefixCache(false)
            .format(cached.format()).taxonomy(cached.taxonomy()).build())) {
      LlamaGuard.RenderedPrompt prompt = cached.prompt(conversation);
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
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", guard.model.model.toString());
      json.put("format", cached.format().name());
      json.put("threads", guard.model.threads());
      json.put("prompt_tokens", prompt.tokens().length);
      json.put("conversation", conversation.messages().getFirst().content());
      json.put("unsafe_probability", probability);
      json.put("cold_ms", median(coldMs));
      json.put("prefix_cached_ms", median(cachedMs));
      json.put("runs", runs);
      return json;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    double m = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return Math.round(m * 100) / 100.0;
  }
}
