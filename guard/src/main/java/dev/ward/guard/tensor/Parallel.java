package dev.ward.guard.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The worker threads of the forward pass. {@link #forEach} splits a loop over task indices
 * across the workers and the calling thread and returns when all are done. Callers on many
 * threads may share one instance (a proxy classifying several requests at once): their loops
 * then run one after the other, each on all workers.
 *
 * <p>Design: the workers are persistent and claim task indices from one shared counter, so a
 * loop costs no allocation and no fork/join tree, which matters in decoding where one token is
 * about a hundred short matrix-vector products. A worker that finds no work spins briefly
 * ({@link #SPIN_NANOS}) before parking, so back-to-back loops find it awake while an idle model
 * leaves the cores to others. Claiming (rather than a fixed split) keeps the cores busy when one
 * of them is taken by another process, which on a shared machine is the rule.
 */
public final class Parallel implements AutoCloseable {
  /** How long an idle worker spins for the next loop before it parks. */
  private static final long SPIN_NANOS = 200_000;

  private final int threads;
  private final Thread[] workers;
  private final ReentrantLock oneLoopAtATime = new ReentrantLock();
  /** The current loop; workers wait for it to change. */
  private volatile Loop loop;
  private volatile boolean closed;

  /** One call of {@link #forEach}: its own counters, so that a late worker cannot mix loops. */
  private static final class Loop {
    final IntConsumer task;
    final int tasks;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    volatile Throwable failure;

    Loop(IntConsumer task, int tasks) {
      this.task = task;
      this.tasks = tasks;
    }

    void run() {
      for (int i; (i = next.getAndIncrement()) < tasks; ) {
        try {
          task.accept(i);
        } catch (Throwable t) {
          failure = t;
        } finally {
          finished.incrementAndGet();
        }
      }
    }
  }

  private Parallel(int threads) {
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = Thread.ofPlatform().daemon().name("ward-compute-" + (i + 1)).unstarted(this::work);
      workers[i].start();
    }
  }

  /** A pool of {@code threads} workers (the caller counts as one); 1 runs on the calling thread. */
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

  /**
   * Runs {@code task.accept(i)} for every {@code i < tasks}, in parallel, and waits. An exception
   * thrown by a task is rethrown here once every started task has returned.
   */
  public void forEach(int tasks, IntConsumer task) {
    if (tasks <= 0) {
      return;
    }
    if (workers.length == 0 || tasks == 1) {
      for (int i = 0; i < tasks; i++) {
        task.accept(i);
      }
      return;
    }
    oneLoopAtATime.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the compute workers are closed");
      }
      Loop current = new Loop(task, tasks);
      loop = current;
      for (Thread worker : workers) {
        LockSupport.unpark(worker);
      }
      current.run();
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (current.finished.get() < tasks) {
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      Throwable thrown = current.failure;
      if (thrown instanceof RuntimeException e) {
        throw e;
      }
      if (thrown instanceof Error e) {
        throw e;
      }
    } finally {
      oneLoopAtATime.unlock();
    }
  }

  private void work() {
    Loop seen = null;
    while (!closed) {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      Loop current;
      while ((current = loop) == seen && !closed) {
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      seen = current;
      if (current != null) {
        current.run();
      }
    }
  }

  /**
   * How many tasks to cut {@code work} items into: {@code perWorker} per worker, each of at
   * least {@code minPerTask} items. More tasks balance the workers better (the last task of a
   * loop leaves the other workers idle), fewer cost less to hand out.
   */
  public int split(int work, int minPerTask, int perWorker) {
    int byWorkers = threads == 1 ? 1 : threads * perWorker;
    return Math.max(1, Math.min(byWorkers, work / Math.max(1, minPerTask)));
  }

  @Override
  public void close() {
    closed = true;
    for (Thread worker : workers) {
      LockSupport.unpark(worker);
    }
  }
}
