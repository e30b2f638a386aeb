package dev.ward.guard.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Repeats a warm-up step until the JIT has compiled what the step runs: until a step during which
 * HotSpot's compilers worked for under {@value #QUIET_SHARE_PERCENT}% of its time; at least
 * {@value #MIN_STEPS} steps, at most {@value #MAX_STEPS} steps or {@value #MAX_SECONDS} seconds.
 * llama.cpp, the reference these benchmarks are set against, has nothing to compile; one short
 * warm-up left C2 compiling the kernels during the measured runs, on the cores they ran on, and
 * the decode rate moved by a quarter from one invocation to the next.
 */
final class JitWarmup {
  private static final int QUIET_SHARE_PERCENT = 2;
  private static final int MIN_STEPS = 2;
  private static final int MAX_STEPS = 20;
  private static final int MAX_SECONDS = 90;

  private JitWarmup() {}

  /** Runs {@code step} until the JIT is quiet; returns how many times it ran. */
  static int run(Runnable step) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
    long deadline = System.nanoTime() + MAX_SECONDS * 1_000_000_000L;
    int steps = 0;
    while (true) {
      long compiledBefore = timed ? jit.getTotalCompilationTime() : 0;
      long start = System.nanoTime();
      step.run();
      long end = System.nanoTime();
      steps++;
      long compilingMillis = timed ? jit.getTotalCompilationTime() - compiledBefore : 0;
      boolean quiet = compilingMillis * 1_000_000L * 100 < (end - start) * QUIET_SHARE_PERCENT;
      if (steps >= MAX_STEPS || end > deadline || (steps >= MIN_STEPS && quiet)) {
        return steps;
      }
    }
  }
}
