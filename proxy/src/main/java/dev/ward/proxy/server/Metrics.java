package dev.ward.proxy.server;

import dev.ward.guardrails.Decision;
import dev.ward.proxy.pipeline.CheckObserver;
import dev.ward.proxy.pipeline.CheckPermits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proxy's Prometheus metrics (served at {@code /metrics}):
 *
 * <ul>
 *   <li>{@code ward_requests_total{route,format,status,input,output}}: requests by route, status
 *       and decision ({@code input}/{@code output}: the action, or {@code none});
 *   <li>{@code ward_request_seconds{route}}, {@code ward_upstream_seconds{route}} (to the
 *       upstream's response headers): latency histograms;
 *   <li>{@code ward_check_seconds{route,kind,parts}}: checks by kind ({@code input},
 *       {@code output}, {@code stream} window, {@code endpoint}) and by what ran in them
 *       ({@code guard}, {@code codeshield}, {@code guard+codeshield}); a {@code codeshield}-only
 *       series is Code Shield's own latency;
 *   <li>{@code ward_guard_seconds}: the guard's part of a check (its verdict's latency);
 *   <li>{@code ward_checks_in_flight}, {@code ward_checks_waiting}: the guard queue's depth;
 *       {@code ward_checks_rejected_total}: 429s for want of capacity;
 *   <li>{@code ward_guard_verdicts_total{cached}} and {@code ward_guard_cache_hit_ratio}.
 * </ul>
 */
final class Metrics implements CheckObserver {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final LongAdder verdicts = new LongAdder();
  private final LongAdder cachedVerdicts = new LongAdder();

  Metrics(CheckPermits permits) {
    Gauge.builder("ward_checks_in_flight", permits, CheckPermits::inFlight)
        .description("checks running now").register(registry);
    Gauge.builder("ward_checks_waiting", permits, CheckPermits::waiting)
        .description("answer checks waiting for a permit").register(registry);
    Gauge.builder("ward_guard_cache_hit_ratio", this, Metrics::cacheHitRatio)
        .description("share of guard verdicts served from the verdict cache").register(registry);
  }

  void request(String route, String format, int status, String input, String output,
      long durationNanos, long upstreamNanos) {
    Counter.builder("ward_requests_total").description("requests by route, status and decision")
        .tags("route", route, "format", format, "status", Integer.toString(status),
            "input", input, "output", output)
        .register(registry).increment();
    timer("ward_request_seconds", "time to the end of the response", "route", route)
        .record(durationNanos, TimeUnit.NANOSECONDS);
    if (upstreamNanos >= 0) {
      timer("ward_upstream_seconds", "time to the upstream's response headers", "route", route)
          .record(upstreamNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void checked(String route, String kind, String parts, Decision decision) {
    timer("ward_check_seconds", "checks by kind and parts", "route", route, "kind", kind,
        "parts", parts).record(decision.latency());
    decision.verdict().ifPresent(verdict -> {
      timer("ward_guard_seconds", "the guard's part of a check").record(
          Duration.ofMillis(verdict.latencyMillis()));
      verdicts.increment();
      if (verdict.cached()) {
        cachedVerdicts.increment();
      }
      Counter.builder("ward_guard_verdicts_total").tags("cached", Boolean.toString(verdict.cached()))
          .register(registry).increment();
    });
  }

  @Override
  public void rejected(String route) {
    Counter.builder("ward_checks_rejected_total").description("checks refused for capacity (429)")
        .tags("route", route).register(registry).increment();
  }

  private Timer timer(String name, String description, String... tags) {
    return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(120))
        .register(registry);
  }

  private double cacheHitRatio() {
    long all = verdicts.sum();
    return all == 0 ? 0 : (double) cachedVerdicts.sum() / all;
  }

  String scrape() {
    return registry.scrape();
  }
}
