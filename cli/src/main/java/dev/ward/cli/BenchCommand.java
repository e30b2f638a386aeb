package dev.ward.cli;

import dev.ward.guard.bench.EngineBenchmark;
import dev.ward.guard.bench.GuardBenchmark;
import dev.ward.guard.bench.Memory;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guardrails.bench.FacadeOverhead;
import java.time.Duration;
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
            + "shared/tools/llamacpp/bench.mjs, so the two can run side by side, after short "
            + "warm-up runs until the JIT has compiled the kernels (warmup_runs).",
        "--guard: latency of one Llama Guard classification of a short conversation, cold and "
            + "with the instruction prefix cached.",
        "--facade: what the guardrails library adds to a classification over calling Llama "
            + "Guard directly (both on a cached verdict, so the model's time drops out).",
        "--guard --stream: a streamed answer re-checked every --every tokens up to "
            + "--answer-tokens in one incremental session, against one cold classification of "
            + "the whole answer.",
        "The engine and --guard modes report load_s (model ready to use); every mode reports "
            + "peak_rss_mb (peak resident memory, mapped model pages included); the engine mode "
            + "also file_mb and kv_cache_mb, what that memory is measured against."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GuardOptions guard;

  @Option(names = "--guard", description = "Benchmark Llama Guard classification latency.")
  boolean guardMode;

  @Option(names = "--facade", description = "Benchmark the guardrails library's own latency.")
  boolean facadeMode;

  @Option(names = "--stream", description = "With --guard: time incremental re-checks of a "
      + "streamed answer.")
  boolean stream;

  @Option(names = "--answer-tokens", paramLabel = "N", defaultValue = "512",
      description = "With --stream: length of the streamed answer (default ${DEFAULT-VALUE}).")
  int answerTokens;

  @Option(names = "--every", paramLabel = "N", defaultValue = "32",
      description = "With --stream: tokens between re-checks (default ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "256",
      description = "Tokens to prefill (default ${DEFAULT-VALUE}).")
  int promptTokens;

  @Option(names = "--decode-tokens", paramLabel = "N", defaultValue = "16",
      description = "Tokens to decode one at a time (default ${DEFAULT-VALUE}).")
  int decodeTokens;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
      description = "Measured runs after the warm-up; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() {
    if (runs < 1 || promptTokens < 1 || decodeTokens < 0 || answerTokens < 1 || every < 1) {
      throw new UsageException("--runs, --prompt-tokens, --answer-tokens and --every must be "
          + ">= 1, --decode-tokens >= 0");
    }
    if (stream && !guardMode) {
      throw new UsageException("--stream needs --guard");
    }
    Map<String, Object> result = facadeMode ? facadeOverhead()
        : guardMode ? guardLatency() : engineSpeed();
    result.put("peak_rss_mb", Memory.peakResidentMib());
    Json.print(spec.commandLine().getOut(), result, true);
    return 0;
  }

  private Map<String, Object> engineSpeed() {
    long start = System.nanoTime();
    try (LlamaModel model = guard.model.load()) {
      double loadSeconds = seconds(start);
      EngineBenchmark.Result r = EngineBenchmark.run(model, promptTokens, decodeTokens, runs);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("engine", "ward");
      json.put("model", guard.model.model.toString());
      json.put("threads", guard.model.threads());
      json.put("load_s", loadSeconds);
      json.put("prefill_tokens", r.promptTokens());
      json.put("prefill_tok_s", r.prefillTokensPerSecond());
      json.put("decode_tokens", r.decodeTokens());
      json.put("decode_tok_s", r.decodeTokensPerSecond());
      json.put("runs", r.runs());
      json.put("warmup_runs", r.warmupRuns());
      json.put("file_mb", mib(guard.model.model.toFile().length()));
      json.put("kv_cache_mb", mib(r.kvCacheBytes()));
      return json;
    }
  }

  /** MiB, as peak_rss_mb counts them, to a tenth. */
  private static double mib(long bytes) {
    return Math.round(bytes / (1024.0 * 1024) * 10) / 10.0;
  }

  private static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
  }

  private Map<String, Object> guardLatency() {
    LlamaGuard.Options.Builder options = LlamaGuard.Options.builder().verdictCacheSize(0)
        .timeout(Duration.ofMinutes(30));
    long start = System.nanoTime();
    try (LlamaGuard cached = guard.load(options.prefixCache(true), spec.commandLine().getErr())) {
      // Ready once one guard is; the second, for cold runs, is the benchmark's own.
      double loadSeconds = seconds(start);
      return guardLatency(cached, LlamaGuard.of(cached.model(), options.prefixCache(false)
          .format(cached.format()).taxonomy(cached.taxonomy()).build()), loadSeconds);
    }
  }

  private Map<String, Object> guardLatency(LlamaGuard cached, LlamaGuard cold, double loadSeconds) {
    try (cold) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", guard.model.model.toString());
      json.put("format", cached.format().name());
      json.put("threads", guard.model.threads());
      json.put("load_s", loadSeconds);
      if (stream) {
        GuardBenchmark.StreamResult r = GuardBenchmark.stream(cold, cached, answerTokens, every);
        json.put("conversation", GuardBenchmark.STREAM_QUESTION + " (answer streamed)");
        json.put("answer_tokens", r.answerTokens());
        json.put("every", r.every());
        json.put("checks", r.checks());
        json.put("prompt_tokens", r.promptTokens());
        json.put("session_total_ms", Math.round(r.sessionTotalMillis() * 10) / 10.0);
        json.put("cold_ms", Math.round(r.coldMillis() * 10) / 10.0);
        json.put("prefix_cached_ms", Math.round(r.prefixCachedMillis() * 10) / 10.0);
        json.put("session_total_over_cold", r.ratioToCold());
        return json;
      }
      GuardBenchmark.Result r = GuardBenchmark.run(cold, cached, GuardBenchmark.TYPICAL, runs);
      json.put("conversation", GuardBenchmark.TYPICAL.messages().getFirst().content());
      json.put("prompt_tokens", r.promptTokens());
      json.put("uncached_tokens", r.uncachedTokens());
      json.put("unsafe_probability", r.unsafeProbability());
      json.put("cold_ms", r.coldMillis());
      json.put("prefix_cached_ms", r.prefixCachedMillis());
      json.put("runs", r.runs());
      return json;
    }
  }

  private Map<String, Object> facadeOverhead() {
    try (LlamaGuard loaded = guard.load(LlamaGuard.Options.builder(), spec.commandLine().getErr())) {
      FacadeOverhead.Result r = FacadeOverhead.run(loaded,
          GuardBenchmark.TYPICAL.messages().getFirst().content(), 20_000 * runs);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", guard.model.model.toString());
      json.put("samples", r.samples());
      json.put("direct_us_p50", r.directP50());
      json.put("direct_us_p99", r.directP99());
      json.put("facade_us_p50", r.facadeP50());
      json.put("facade_us_p99", r.facadeP99());
      json.put("added_us_p50", r.addedP50());
      json.put("added_us_p99", r.addedP99());
      return json;
    }
  }
}
