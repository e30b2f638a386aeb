package dev.ward.proxy.bench;

import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.proxy.WardProxy;
import dev.ward.proxy.config.GuardBackend;
import dev.ward.proxy.config.ProxyConfig;
import dev.ward.proxy.pipeline.Upstream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The proxy's load test, on loopback only: a fake upstream ({@link FakeLlm}), the proxy in front
 * of it, and a closed-loop client at a given concurrency. Each level measures the upstream called
 * directly, then through the proxy, and reports the latency the proxy adds at p50 and p99, for
 * three setups: checks off (a route whose policy checks nothing), Code Shield only (on an answer
 * with a code block), and the guard on input and output, stubbed by a fake inference server with
 * a fixed latency ({@code Guard.remote}), plus Code Shield. A soak runs the full setup for a
 * while and samples the heap after a collection, to show whether memory grows.
 *
 * <p>Everything shares the machine's cores (client, proxy, upstream), so absolute numbers are
 * pessimistic; the direct run shares them the same way, which keeps the difference fair.
 */
public final class ProxyBenchmark {
  private static final String ANSWER = """
      Here is how to add up a list in Python. The built-in sum does it in one call:

      ```python
      def total(values):
          return sum(values)
      ```

      It works on any iterable of numbers.""";

  /** What to run. */
  public record Options(List<Integer> concurrency, Duration warmup, Duration measure,
      Duration guardLatency, Duration soak) {
    public Options {
      concurrency = List.copyOf(concurrency);
      Objects.requireNonNull(warmup, "warmup");
      Objects.requireNonNull(measure, "measure");
      Objects.requireNonNull(guardLatency, "guardLatency");
      Objects.requireNonNull(soak, "soak");
      if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1 || c > 1024)) {
        throw new IllegalArgumentException("concurrency levels must be within 1..1024; got "
            + concurrency);
      }
    }

    public static final Options DEFAULT = new Options(List.of(1, 16, 64), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ZERO);
  }

  /** The checks a setup runs. */
  public enum Setup {
    CHECKS_OFF("checks off"), CODESHIELD("Code Shield only"),
    GUARD_STUB("guard stub + Code Shield");

    private final String label;

    Setup(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Latency percentiles of one run, in milliseconds. */
  public record Latency(long requests, long errors, double p50, double p99, double perSecond) {}

  /** One setup at one concurrency: direct and through the proxy. */
  public record Row(Setup setup, int concurrency, Latency direct, Latency proxied) {
    public double addedP50() {
      return proxied.p50() - direct.p50();
    }

    public double addedP99() {
      return proxied.p99() - direct.p99();
    }
  }

  /** Heap in use after a full collection, sampled during the soak. */
  public record Soak(Duration length, long requests, long errors, List<Long> heapMiB) {}

  public record Result(List<Row> rows, Optional<Soak> soak) {}

  private ProxyBenchmark() {}

  public static Result run(Options options, Consumer<String> progress) {
    Vertx vertx = Vertx.vertx();
    FakeLlm upstream = FakeLlm.start(vertx).answer(ANSWER);
    FakeLlm guard = FakeLlm.start(vertx).guard(options.guardLatency(), 0.01);
    Vertx clientVertx = Vertx.vertx();
    try {
      List<Row> rows = new ArrayList<>();
      for (Setup setup : Setup.values()) {
        try (WardProxy proxy = start(setup, upstream, guard)) {
          for (int concurrency : options.concurrency()) {
            Latency direct = load(clientVertx, upstream.port(), concurrency, options);
            Latency proxied = load(clientVertx, proxy.port(), concurrency, options);
            Row row = new Row(setup, concurrency, direct, proxied);
            progress.accept(String.format(java.util.Locale.ROOT,
                "%-26s c=%-3d added p50 %.3f ms, p99 %.3f ms (direct p50 %.3f, p99 %.3f; "
                    + "errors direct %d, proxied %d)",
                setup.label(), concurrency, row.addedP50(), row.addedP99(), direct.p50(),
                direct.p99(), direct.errors(), proxied.errors()));
            rows.add(row);
          }
        }
      }
      Optional<Soak> soak = Optional.empty();
      if (!options.soak().isZero()) {
        try (WardProxy proxy = start(Setup.GUARD_STUB, upstream, guard)) {
          soak = Optional.of(soak(clientVertx, proxy.port(), options.soak(), progress));
        }
      }
      return new Result(rows, soak);
    } finally {
      clientVertx.close();
      upstream.close();
      guard.close();
      vertx.close();
    }
  }

  private static WardProxy start(Setup setup, FakeLlm upstream, FakeLlm guard) {
    GuardrailPolicy policy = GuardrailPolicy.builder()
        .checks(switch (setup) {
          case CHECKS_OFF -> new GuardrailPolicy.Checks(false, false, false);
          case CODESHIELD -> new GuardrailPolicy.Checks(false, false, true);
          case GUARD_STUB -> GuardrailPolicy.Checks.ALL;
        }).build();
    GuardBackend backend = setup == Setup.GUARD_STUB
        ? new GuardBackend.Remote(URI.create(guard.url()), Optional.empty(), "llama-guard-3",
            Optional.empty(), Optional.empty(), Duration.ofSeconds(10), 256, 0.5)
        : new GuardBackend.None();
    Upstream target = new Upstream("fake", URI.create(upstream.url()), Optional.empty(),
        Duration.ofSeconds(5), Duration.ofSeconds(30));
    ProxyConfig config = ProxyConfig.simple("127.0.0.1", 0, target, backend,
        setup != Setup.CHECKS_OFF, policy).withAccessLog("off")
        .withLimits(new dev.ward.proxy.config.Limits(4 << 20, 16 << 10, Duration.ofSeconds(60),
            Duration.ofSeconds(30), 1024, 1));
    WardProxy proxy = WardProxy.builder(config).start();
    proxy.awaitReady(Duration.ofMinutes(2));
    return proxy;
  }

  private static final String BODY = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"How do I add up a list in Python?\"}]}";

  /** Closed loop: {@code concurrency} clients, each sending its next request when one ends. */
  private static Latency load(Vertx vertx, int port, int concurrency, Options options) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(concurrency));
    try {
      run(client, port, concurrency, options.warmup(), null);
      Recorder recorder = new Recorder(true);
      run(client, port, concurrency, options.measure(), recorder);
      return recorder.latency(options.measure());
    } finally {
      client.close();
    }
  }

  private static void run(HttpClient client, int port, int concurrency, Duration length,
      Recorder recorder) {
    long end = System.nanoTime() + length.toNanos();
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Promise<Void> done = Promise.promise();
      loop(client, port, end, recorder, done);
      loops.add(done.future());
    }
    try {
      Future.all(loops).toCompletionStage().toCompletableFuture()
          .get(length.toMillis() + 60_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("load run at concurrency " + concurrency + " failed: "
          + cause, e);
    }
  }

  private static void loop(HttpClient client, int port, long end, Recorder recorder,
      Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    long start = System.nanoTime();
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
            .setPort(port).setURI("/v1/chat/completions").setIdleTimeout(10_000)
            .putHeader("content-type", "application/json"))
        .compose(request -> request.send(Buffer.buffer(BODY)))
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(result -> {
          if (recorder != null) {
            recorder.record(System.nanoTime() - start,
                result.succeeded() && result.result() == 200);
          }
          loop(client, port, end, recorder, done);
        });
  }

  private static Soak soak(Vertx vertx, int port, Duration length, Consumer<String> progress) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(16));
    List<Long> heap = new ArrayList<>();
    // Counts only: ten minutes of latencies would themselves be memory growth.
    Recorder all = new Recorder(false);
    try {
      long slices = Math.max(1, length.toSeconds() / 30);
      Duration slice = length.dividedBy(slices);
      heap.add(heapAfterGc());
      for (long i = 0; i < slices; i++) {
        run(client, port, 16, slice, all);
        heap.add(heapAfterGc());
        progress.accept("soak " + (i + 1) + "/" + slices + ": " + all.count() + " requests, heap "
            + heap.getLast() + " MiB after GC");
      }
    } finally {
      client.close();
    }
    return new Soak(length, all.count(), all.errors(), heap);
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /** Latencies of one run; thread-safe (the client's event loops record into it). */
  private static final class Recorder {
    private final boolean keep;
    private long[] nanos;
    private int count;
    private long errors;

    Recorder(boolean keep) {
      this.keep = keep;
      this.nanos = new long[keep ? 1 << 16 : 0];
    }

    synchronized void record(long latency, boolean ok) {
      if (!ok) {
        errors++;
        return;
      }
      if (!keep) {
        count++;
        return;
      }
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = latency;
    }

    synchronized long count() {
      return count;
    }

    synchronized long errors() {
      return errors;
    }

    synchronized Latency latency(Duration length) {
      long[] sorted = Arrays.copyOf(nanos, count);
      Arrays.sort(sorted);
      return new Latency(count, errors, percentile(sorted, 0.50), percentile(sorted, 0.99),
          count / (length.toNanos() / 1e9));
    }

    private static double percentile(long[] sorted, double q) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }
  }
}
