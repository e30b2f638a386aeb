package dev.ward.codeshield;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads scans run on when asked asynchronously, and deep trees when asked synchronously:
 * one per core, shared by every {@link CodeShield} of the JVM, reused, with large stacks.
 *
 * <p>Why large stacks: matching recurses along the pattern (the target's nesting is walked by
 * loops), so ordinary stacks suffice for the built-in rules; the margin is for user rules with
 * deep patterns, and reserving it costs address space only, as stacks are committed as they grow.
 * Why bounded: a burst of scans queues (up to {@link #QUEUE} waiting) instead of starting a thread
 * each; beyond that the pool refuses work, and the caller's future fails with
 * {@link java.util.concurrent.RejectedExecutionException}. Idle threads end after a while, so a
 * JVM that scans once does not keep them.
 */
final class ScanPool {
  static final long STACK_BYTES = 256L << 20;
  static final int QUEUE = 4096;
  private static final ThreadPoolExecutor EXECUTOR = executor(Math.max(2, Runtime.getRuntime().availableProcessors()));

  private ScanPool() {}

  static ThreadPoolExecutor executor() {
    return EXECUTOR;
  }

  /** Whether the current thread is one of the pool's: work it does needs no further hand-off. */
  static boolean onPoolThread() {
    return Thread.currentThread() instanceof ScanThread;
  }

  private static ThreadPoolExecutor executor(int threads) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), new Factory(), new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static final class Factory implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new ScanThread(task, "ward-codeshield-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  private static final class ScanThread extends Thread {
    ScanThread(Runnable task, String name) {
      super(null, task, name, STACK_BYTES);
    }
  }
}
