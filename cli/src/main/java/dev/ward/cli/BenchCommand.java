package dev.ward.cli;

import dev.ward.guard.bench.EngineBenchmark;
import dev.ward.guard.bench.GuardBenchmark;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guardrails.bench.FacadeOverhead;
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
            + "with the instruction prefix cached.",
        "--facade: what the guardrails library adds to a classification over calling Llama "
            + "Guard directly (both on a cached verdict, so the model's time drops out)."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GuardOptions guard;

  @Option(names = "--guard", description = "Benchmark Llama Guard classification latency.")
  boolean guardMode;

  @Option(names = "--facade", description = "Benchmark the guardrails library's own latency.")
  boolean facadeMode;

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
    Map<String, Object> result = facadeMode ? facadeOverhead()
        : guardMode ? guardLatency() : engineSpeed();
    Json.print(spec.commandLine().getOut(), result, true);
    return 0;
  }

  private Map<String, Object> engineSpeed() {
    try (LlamaModel model = guard.model.load()) {
      EngineBenchmark.Result r = EngineBenchmark.run(model, promptTokens, decodeTokens, runs);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("engine", "ward");
      json.put("model", guard.model.model.toString());
      json.put("threads", guard.model.threads());
      json.put("prefill_tokens", r.promptTokens());
      json.put("prefill_tok_s", r.prefillTokensPerSecond());
      json.put("decode_tokens", r.decodeTokens());
      json.put("decode_tok_s", r.decodeTokensPerSecond());
      json.put("runs", r.runs());
      return json;
    }
  }

  private Map<String, Object> guardLatency() {
    LlamaGuard.Options.Builder options = LlamaGuard.Options.builder().verdictCacheSize(0);
    try (LlamaGuard cached = guard.load(options.prefixCache(true), spec.commandLine().getErr());
        LlamaGuard cold = LlamaGuard.of(cached.model(), options.prefixCache(false)
            .format(cached.format()).taxonomy(cached.taxonomy()).build())) {
      GuardBenchmark.Result r = GuardBenchmark.run(cold, cached, GuardBenchmark.TYPICAL, runs);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", guard.model.model.toString());
      json.put("format", cached.format().name());
      json.put("threads", guard.model.threads());
      json.put("conversation", GuardBenchmark.TYPICAL.messages().getFirst().content());
      json.put("prompt_tokens", r.promptTokens());
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
