package dev.ward.cli;

import dev.ward.codeshield.Treatment;
import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.proxy.WardProxy;
import dev.ward.proxy.config.GuardBackend;
import dev.ward.proxy.config.ProxyConfig;
import dev.ward.proxy.pipeline.Upstream;
import dev.ward.taxonomy.Action;
import dev.ward.taxonomy.ConfigException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the guardrail reverse proxy in front of an LLM API (OpenAI-compatible or "
        + "Anthropic): prompts checked before the upstream call, answers (streamed too) before "
        + "they reach the client.",
        "Give a YAML configuration (--config), or the simple case in flags: one upstream, one policy."},
    footer = {"", "Example: ./ward serve --upstream http://127.0.0.1:8000 --guard-model "
        + "llama-guard-3-1b.Q8_0.gguf --port 8080"})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see proxy/README.md).")
  Path config;

  @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default 8080; overrides the configuration's).")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1; 0.0.0.0 in a container).")
  String host;

  @Option(names = "--upstream", paramLabel = "URL", description = "The LLM API to guard, e.g. https://api.openai.com.")
  String upstream;

  @Option(names = "--upstream-key-env", paramLabel = "NAME",
      description = "Send the key in this environment variable upstream instead of the client's.")
  String upstreamKeyEnv;

  @Option(names = "--guard-model", paramLabel = "FILE", description = "A Llama Guard GGUF model, run in process.")
  Path guardModel;

  @Option(names = "--guard-url", paramLabel = "URL",
      description = "A Llama Guard inference server (OpenAI-compatible /v1/completions with logprobs).")
  String guardUrl;

  @Option(names = "--guard-format", paramLabel = "FORMAT", description = "llama-guard-2 or llama-guard-3 (default: from the model file).")
  String guardFormat;

  @Option(names = "--guard-threshold", paramLabel = "X", defaultValue = "0.5",
      description = "Unsafe probability that blocks (default ${DEFAULT-VALUE}).")
  double guardThreshold;

  @Option(names = "--codeshield", paramLabel = "block|warn|off", defaultValue = "block",
      description = "What insecure code in answers does (default ${DEFAULT-VALUE}).")
  String codeShield;

  @Option(names = "--access-log", paramLabel = "stdout|off|FILE", description = "Where access log lines go (default stdout).")
  String accessLog;

  @Override
  public Integer call() throws InterruptedException {
    ProxyConfig settings = settings();
    PrintWriter err = spec.commandLine().getErr();
    WardProxy proxy = WardProxy.builder(settings).start();
    Thread hook = new Thread(proxy::close, "ward-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    err.printf("ward serve: listening on http://%s:%d; loading...%n", settings.host(), proxy.port());
    err.flush();
    try {
      proxy.awaitReady(Duration.ofMinutes(30));
    } catch (RuntimeException e) {
      err.println("ward serve: cannot start: " + e.getMessage());
      err.flush();
      Runtime.getRuntime().removeShutdownHook(hook);
      proxy.shutdown(Duration.ZERO);
      return Errors.FAILURE;
    }
    err.printf("ward serve: ready (%d route%s)%n", settings.routes().size(),
        settings.routes().size() == 1 ? "" : "s");
    err.flush();
    proxy.awaitShutdown();
    return 0;
  }

  ProxyConfig settings() {
    if (config != null) {
      if (upstream != null || guardModel != null || guardUrl != null || upstreamKeyEnv != null) {
        throw new UsageException("--upstream, --upstream-key-env, --guard-model and --guard-url "
            + "describe the simple case; with --config, set them in the file");
      }
      try {
        ProxyConfig loaded = ProxyConfig.load(config);
        loaded = port == null ? loaded : loaded.withPort(port);
        return accessLog == null ? loaded : loaded.withAccessLog(accessLog);
      } catch (ConfigException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (upstream == null) {
      throw new UsageException("give --upstream URL (the LLM API to guard) or --config FILE");
    }
    if (guardModel != null && guardUrl != null) {
      throw new UsageException("give --guard-model or --guard-url, not both");
    }
    if (!(guardThreshold >= 0 && guardThreshold <= 1)) {
      throw new UsageException("--guard-threshold must be within [0, 1]; got " + guardThreshold);
    }
    Optional<String> key = Optional.empty();
    if (upstreamKeyEnv != null) {
      String value = System.getenv(upstreamKeyEnv);
      if (value == null || value.isBlank()) {
        throw new UsageException("environment variable " + upstreamKeyEnv + " is not set");
      }
      key = Optional.of(value.strip());
    }
    Upstream target;
    try {
      target = new Upstream("upstream", new URI(upstream), key, Duration.ofSeconds(10),
          Duration.ofSeconds(120));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new UsageException("--upstream: " + e.getMessage());
    }
    GuardBackend guard = new GuardBackend.None();
    String format = guardFormat == null ? null : guardFormat.strip().toLowerCase(java.util.Locale.ROOT);
    if (format != null && !format.equals("llama-guard-2") && !format.equals("llama-guard-3")) {
      throw new UsageException("--guard-format must be llama-guard-2 or llama-guard-3; got " + guardFormat);
    }
    if (guardModel != null) {
      guard = new GuardBackend.Local(guardModel, Optional.ofNullable(format), guardThreshold,
          Runtime.getRuntime().availableProcessors(), 64);
    } else if (guardUrl != null) {
      try {
        guard = new GuardBackend.Remote(new URI(guardUrl), Optional.empty(),
            format == null ? "llama-guard-3" : format, Optional.empty(), Optional.empty(),
            Duration.ofSeconds(10), 64, guardThreshold);
      } catch (URISyntaxException e) {
        throw new UsageException("--guard-url: " + e.getMessage());
      }
    }
    GuardrailPolicy.Builder policy = GuardrailPolicy.builder().threshold(guardThreshold);
    boolean scan = true;
    switch (codeShield.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "block" -> { }
      case "warn" -> policy.codeShield(Treatment.BLOCK, Action.WARN);
      case "off" -> {
        scan = false;
        policy.checks(new GuardrailPolicy.Checks(true, true, false));
      }
      default -> throw new UsageException("--codeshield must be block, warn or off; got " + codeShield);
    }
    ProxyConfig simple = ProxyConfig.simple(host == null ? "127.0.0.1" : host,
        port == null ? 8080 : port, target, guard, scan, policy.build());
    return accessLog == null ? simple : simple.withAccessLog(accessLog);
  }
}
