package dev.ward.codeshield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.rule.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scans on the shared pool: results, cancellation that stops the work, deadlines inside matching. */
class AsyncScanTest {
  /**
   * Pairs every node with every other: O(n²) on purpose, so that only a deadline or a cancel
   * checked inside matching can stop it. Comes after a fast rule, whose finding must survive.
   */
  static final RuleSet FAST_THEN_SLOW = RuleSet.of("""
      rules:
        - id: fast-eval
          languages: [python]
          severity: ERROR
          message: eval of $X
          metadata: {cwe: "CWE-95"}
          pattern: eval($X)
        - id: slow-pairs
          languages: [python]
          severity: WARNING
          message: every pair of nodes
          metadata: {cwe: "CWE-1"}
          patterns:
            - pattern: $A
            - pattern: $B
            - pattern-not: $A
      """, "test");
  /** About 20k nodes: 4e8 pairs, minutes of matching. */
  static final String CODE = "eval(data)\n" + "x = [1, 2, 3, 4]\n".repeat(1_500);
  static final Limits PATIENT = new Limits(4 << 20, Duration.ofSeconds(60), 2_000_000, Duration.ofSeconds(60));

  static CodeShield shield(Limits limits) {
    return CodeShield.builder().rules(FAST_THEN_SLOW).limits(limits).build();
  }

  /** One small scan first, so that deadlines measure matching rather than a cold JIT. */
  @BeforeAll
  static void warmUp() {
    shield(PATIENT).scan("eval(data)\nx = [1, 2, 3, 4]\n", Language.PYTHON);
  }

  @Test
  void asyncScansGiveTheSameResultsAsSyncOnes() throws Exception {
    CodeShield builtIn = CodeShield.create();
    String code = "import os\nos.system(cmd)\n";
    String answer = "Try:\n\n```python\n" + code + "```\n";

    assertThat(builtIn.scanAsync(code, Language.PYTHON).get(10, TimeUnit.SECONDS))
        .isEqualTo(builtIn.scan(code, Language.PYTHON));
    assertThat(builtIn.scanMarkdownAsync(answer).get(10, TimeUnit.SECONDS)).isEqualTo(builtIn.scanMarkdown(answer));
  }

  @Test
  void theDeadlineStopsMatchingInsideARuleAndKeepsEarlierFindings() {
    // Long enough for the parse and the fast rule on a loaded machine; the slow rule takes minutes.
    Limits quick = new Limits(4 << 20, Duration.ofSeconds(10), 2_000_000, Duration.ofSeconds(3));

    long start = System.nanoTime();
    ScanResult result = shield(quick).scan(CODE, Language.PYTHON);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Far less than the slow rule's minutes: the deadline stopped it inside its matching.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("fast-eval");
    assertThat(result.complete()).isFalse();
    assertThat(result.treatment()).isEqualTo(Treatment.BLOCK);
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ScanProblem.Kind.SCAN_TIMEOUT);
      assertThat(p.message()).contains("3 s deadline passed before every rule had run");
    });
  }

  @Test
  void anIncompleteScanWithoutFindingsIsTreatedAsThePolicySays() {
    Limits quick = new Limits(4 << 20, Duration.ofSeconds(10), 2_000_000, Duration.ofMillis(200));
    String noEval = CODE.substring(CODE.indexOf('\n') + 1);

    ScanResult warned = shield(quick).scan(noEval, Language.PYTHON);
    CodeShield blocking = CodeShield.builder().rules(FAST_THEN_SLOW).limits(quick)
        .treatmentPolicy(TreatmentPolicy.DEFAULT.withIncomplete(Treatment.BLOCK)).build();

    assertThat(warned.findings()).isEmpty();
    assertThat(warned.isClean()).isFalse();
    assertThat(warned.treatment()).isEqualTo(Treatment.WARN);
    assertThat(blocking.scan(noEval, Language.PYTHON).treatment()).isEqualTo(Treatment.BLOCK);
  }

  @Test
  void cancelStopsMatchingWithinMilliseconds() throws Exception {
    CompletableFuture<ScanResult> future = shield(PATIENT).scanAsync(CODE, Language.PYTHON);
    awaitBusyPoolThread();

    long cancelled = System.nanoTime();
    assertThat(future.cancel(true)).isTrue();
    Duration stopped = awaitIdlePool(cancelled);

    assertThat(stopped).isLessThan(Duration.ofSeconds(1));
    assertNoPoolCpuFor(Duration.ofMillis(300));
    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
  }

  @Test
  void cancelStopsAParseInFlight() throws Exception {
    // A 1 MB one-liner that Tree-sitter takes seconds to parse: the cancel raises its cancellation flag.
    CodeShield builtIn = CodeShield.builder().limits(PATIENT).build();
    CompletableFuture<ScanResult> future = builtIn.scanAsync("x = 1; ".repeat(150_000) + "eval(y)\n", Language.PYTHON);
    awaitBusyPoolThread();
    Thread.sleep(100);

    long cancelled = System.nanoTime();
    future.cancel(true);

    assertThat(awaitIdlePool(cancelled)).isLessThan(Duration.ofSeconds(1));
    assertNoPoolCpuFor(Duration.ofMillis(300));
  }

  @Test
  void aTimeoutOnTheFutureStopsTheScanToo() throws Exception {
    CompletableFuture<ScanResult> future = shield(PATIENT).scanAsync(CODE, Language.PYTHON).orTimeout(200, TimeUnit.MILLISECONDS);

    assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    assertThat(awaitIdlePool(System.nanoTime())).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void anInterruptStopsASynchronousScan() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        shield(PATIENT).scan(CODE, Language.PYTHON);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    caller.start();
    Thread.sleep(300);

    caller.interrupt();
    caller.join(2_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(CancellationException.class);
  }

  @Test
  void deepTreesAreMatchedOnAFewReusedThreads() throws Exception {
    // Patient: on two cores, eight queued deep scans can outlast the default 5 s per scan.
    CodeShield builtIn = CodeShield.builder().limits(PATIENT).build();
    String deep = "import os\nos.system(" + "(".repeat(5_000) + "input()" + ")".repeat(5_000) + ")\n";
    builtIn.scanAsync("x = 1\n", Language.PYTHON).get(30, TimeUnit.SECONDS); // the pool is up
    long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
    List<CompletableFuture<ScanResult>> futures = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      futures.add(builtIn.scanAsync(deep, Language.PYTHON));
    }
    for (int i = 0; i < 4; i++) {
      assertThat(builtIn.scan(deep, Language.PYTHON).findings()).extracting(Finding::ruleId).contains("python-os-command");
    }
    for (CompletableFuture<ScanResult> f : futures) {
      assertThat(f.get(30, TimeUnit.SECONDS).findings()).extracting(Finding::ruleId).contains("python-os-command");
    }

    long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore;
    assertThat(started).as("threads started for 12 deep scans").isLessThanOrEqualTo(ScanPool.executor().getMaximumPoolSize());
  }

  @Test
  void aScanCancelledWhileQueuedLeavesTheQueueAtOnce() throws Exception {
    java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 1,
        TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(4));
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try {
      pool.execute(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      CompletableFuture<ScanResult> queued = AsyncScan.submit(pool, Duration.ofSeconds(1),
          budget -> { throw new AssertionError("must not run"); });
      assertThat(pool.getQueue()).hasSize(1);

      queued.cancel(true);

      assertThat(pool.getQueue()).isEmpty();
    } finally {
      release.countDown();
      pool.shutdown();
    }
  }

  @Test
  void aFullQueueFailsTheFutureInsteadOfBlocking() {
    CompletableFuture<ScanResult> future = AsyncScan.submit(task -> {
      throw new RejectedExecutionException("queue full");
    }, Duration.ofSeconds(1), budget -> {
      throw new AssertionError("must not run");
    });

    assertThatThrownBy(future::join).hasCauseInstanceOf(RejectedExecutionException.class);
  }

  static List<Thread> poolThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ward-codeshield-")).toList();
  }

  static void awaitBusyPoolThread() throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (poolThreads().stream().noneMatch(t -> t.getState() == Thread.State.RUNNABLE)) {
      assertThat(System.nanoTime()).as("a pool thread starts scanning").isLessThan(until);
      Thread.sleep(5);
    }
  }

  /** Waits until no pool thread is running and returns how long after {@code since} that was. */
  static Duration awaitIdlePool(long since) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (poolThreads().stream().anyMatch(t -> t.getState() == Thread.State.RUNNABLE)) {
      assertThat(System.nanoTime()).as("pool threads go idle").isLessThan(until);
      Thread.sleep(1);
    }
    return Duration.ofNanos(System.nanoTime() - since);
  }

  /** The pool's threads use no CPU for {@code period}: no matching goes on behind a cancelled future. */
  static void assertNoPoolCpuFor(Duration period) throws InterruptedException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, Long> before = new java.util.HashMap<>();
    for (Thread t : poolThreads()) {
      before.put(t.threadId(), mx.getThreadCpuTime(t.threadId()));
    }
    Thread.sleep(period.toMillis());
    for (Thread t : poolThreads()) {
      long used = mx.getThreadCpuTime(t.threadId()) - before.getOrDefault(t.threadId(), 0L);
      assertThat(Duration.ofNanos(used)).as("CPU used by %s after the cancel", t.getName()).isLessThan(Duration.ofMillis(20));
    }
  }
}
