package dev.ward.codeshield;

import dev.ward.codeshield.syntax.Budget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

/**
 * One scan on the {@link ScanPool}, behind a {@link CompletableFuture}. Any early completion of
 * the future ({@code cancel}, {@code orTimeout}, {@code completeExceptionally}) cancels the scan's
 * {@link Budget}, which parsing and matching poll, so the thread is back in the pool within
 * milliseconds. The scan's deadline starts when it starts running, not while it waits in the
 * queue: callers bound the wait with their own timeout on the future.
 */
final class AsyncScan implements Runnable {
  private final CompletableFuture<ScanResult> future = new CompletableFuture<>();
  private final Duration timeout;
  private final Function<Budget, ScanResult> scan;
  private volatile Budget budget;

  private AsyncScan(Duration timeout, Function<Budget, ScanResult> scan) {
    this.timeout = timeout;
    this.scan = scan;
  }

  static CompletableFuture<ScanResult> submit(Executor executor, Duration timeout, Function<Budget, ScanResult> scan) {
    AsyncScan task = new AsyncScan(timeout, scan);
    task.future.whenComplete((result, failure) -> {
      Budget running = task.budget;
      if (running != null) {
        running.cancel(); // a no-op once the scan has finished
      } else if (executor instanceof ThreadPoolExecutor pool) {
        // Cancelled while queued: free its slot (and the input it holds) now, not when a worker
        // reaches it.
        pool.remove(task);
      }
    });
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.future.completeExceptionally(e);
    }
    return task.future;
  }

  @Override
  public void run() {
    if (future.isDone()) {
      return;
    }
    Budget own = Budget.ofNanos(timeout.toNanos());
    budget = own;
    if (future.isDone()) {
      return; // cancelled between the two reads: whenComplete may not have seen the budget
    }
    try {
      future.complete(scan.apply(own));
    } catch (Budget.Exhausted e) {
      future.cancel(false);
    } catch (Throwable t) {
      future.completeExceptionally(t);
    }
  }
}
