package dev.ward.guard.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The worker threads of the forward pass. {@link #forEach} splits a loop over task indices
 * across the workers and returns when all are done; callers on many threads may share one
 * instance (a proxy classifying several requests at once), their tasks then interleave.
 */
public final class Parallel implements AutoCloseable {
  private final ForkJoinPool pool;
  private final int threads;

  private Parallel(int threads) {
    this.threads = threads;
    this.pool = threads == 1 ? null : new ForkJoinPool(threads, p -> {
      var worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
      worker.setName("ward-compute-" + worker.getPoolIndex());
      worker.setDaemon(true);
      return worker;
    }, null, false);
  }

  /** A pool of {@code threads} workers; 1 runs everything on the calling thread. */
  public static Parallel create(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be within 1..1024; got " + threads);
    }
    return new Parallel(threads);
  }

  /** One worker per available processor. */
  public static Parallel perCore() {
    return create(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /** Runs {@code task.accept(i)} for every {@code i < tasks}, in parallel, and waits. */
  public void forEach(int tasks, IntConsumer task) {
    if (tasks <= 0) {
      return;
    }
    if (pool == null || tasks == 1) {
      for (int i = 0; i < tasks; i++) {
        task.accept(i);
      }
      return;
    }
    pool.invoke(new Range(task, 0, tasks));
  }

  /** How many tasks to cut {@code work} items into: a few per worker, for balance. */
  public int split(int work, int minPerTask) {
    int byWorkers = threads == 1 ? 1 : threads * 4;
    return Math.max(1, Math.min(byWorkers, work / Math.max(1, minPerTask)));
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static final class Range extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient IntConsumer task;
    private final int from;
    private final int to;

    Range(IntConsumer task, int from, int to) {
      this.task = task;
      this.from = from;
      this.to = to;
    }

    @Override
    protected void compute() {
      if (to - from == 1) {
        task.accept(from);
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new Range(task, from, mid), new Range(task, mid, to));
    }
  }
}
