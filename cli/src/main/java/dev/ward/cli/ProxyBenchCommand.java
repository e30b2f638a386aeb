package dev.ward.cli;

import dev.ward.proxy.bench.ProxyBenchmark;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "proxy-bench", mixinStandardHelpOptions = true,
    description = {"Load-test the proxy on loopback: the latency it adds (p50, p99) over a fake "
        + "upstream called directly, at each concurrency, with checks off, with Code Shield only, "
        + "and with the guard stubbed by a fixed-latency inference server (plus Code Shield).",
        "--soak-seconds then runs the full setup at concurrency 16 and samples the heap after GC."})
final class ProxyBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--concurrency", split = ",", defaultValue = "1,16,64", paramLabel = "N,N...",
      description = "Concurrency levels (default ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured seconds first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--guard-latency-ms", defaultValue = "10",
      description = "Latency of the stubbed guard server (default ${DEFAULT-VALUE}).")
  int guardLatency;

  @Option(names = "--soak-seconds", defaultValue = "0", description = "Soak length (default none).")
  int soakSeconds;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    if (seconds < 1 || warmup < 0 || guardLatency < 0 || soakSeconds < 0) {
      throw new UsageException("--seconds must be >= 1; --warmup, --guard-latency-ms and "
          + "--soak-seconds >= 0");
    }
    ProxyBenchmark.Options options;
    try {
      options = new ProxyBenchmark.Options(concurrency, Duration.ofSeconds(warmup),
          Duration.ofSeconds(seconds), Duration.ofMillis(guardLatency),
          Duration.ofSeconds(soakSeconds));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    ProxyBenchmark.Result result = ProxyBenchmark.run(options, line -> {
      err.println(line);
      err.flush();
    });
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, toJson(result), true);
    } else {
      out.printf("%-26s %5s %10s %10s %10s %10s %9s%n", "setup", "conc", "direct p50",
          "direct p99", "added p50", "added p99", "req/s");
      for (ProxyBenchmark.Row row : result.rows()) {
        out.printf(java.util.Locale.ROOT, "%-26s %5d %8.3fms %8.3fms %8.3fms %8.3fms %9.0f%n",
            row.setup().label(), row.concurrency(), row.direct().p50(), row.direct().p99(),
            row.addedP50(), row.addedP99(), row.proxied().perSecond());
      }
      result.soak().ifPresent(soak -> out.printf("soak %d s: %d requests, %d errors, heap after "
          + "GC (MiB): %s%n", soak.length().toSeconds(), soak.requests(), soak.errors(),
          soak.heapMiB()));
    }
    out.flush();
    return 0;
  }

  private static Map<String, Object> toJson(ProxyBenchmark.Result result) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ProxyBenchmark.Row row : result.rows()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("setup", row.setup().label());
      r.put("concurrency", row.concurrency());
      r.put("direct_p50_ms", row.direct().p50());
      r.put("direct_p99_ms", row.direct().p99());
      r.put("proxy_p50_ms", row.proxied().p50());
      r.put("proxy_p99_ms", row.proxied().p99());
      r.put("added_p50_ms", row.addedP50());
      r.put("added_p99_ms", row.addedP99());
      r.put("proxy_requests", row.proxied().requests());
      r.put("proxy_errors", row.proxied().errors());
      r.put("proxy_per_second", row.proxied().perSecond());
      rows.add(r);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rows", rows);
    result.soak().ifPresent(soak -> json.put("soak", Map.of("seconds", soak.length().toSeconds(),
        "requests", soak.requests(), "errors", soak.errors(), "heap_after_gc_mib", soak.heapMiB())));
    return json;
  }
}
