package dev.ward.guard.llamaguard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The bounded queue in front of the model and the workers that drain it. A worker takes the
 * oldest request and whatever else is waiting, up to the batch size, and scores them in one
 * forward pass: under load the weights are then read once for several requests. A full queue
 * rejects at once; a request cancelled while waiting is skipped; a batch whose requests are all
 * cancelled is abandoned within one unit of a matrix product (or between two answer tokens).
 */
final class BatchingQueue implements AutoCloseable {
  private static final long POLL_MILLIS = 100;
  private static final long YEAR_NANOS = Duration.ofDays(365).toNanos();

  private record Job(Scorer.Request request, CompletableFuture<Scorer.Score> result) {}

  private final Scorer scorer;
  private final BlockingQueue<Job> queue;
  private final int capacity;
  private final int maxBatch;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean closing;
  /** Set by {@link #close} past its grace: the batches still running stop, unanswered. */
  private volatile boolean abandoning;

  BatchingQueue(Scorer scorer, int workerCount, int capacity, int maxBatch) {
    this.scorer = scorer;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.capacity = capacity;
    this.maxBatch = maxBatch;
    for (int i = 0; i < workerCount; i++) {
      Thread worker = Thread.ofPlatform().daemon().name("ward-guard-" + i).unstarted(this::work);
      workers.add(worker);
      worker.start();
    }
  }

  CompletableFuture<Scorer.Score> submit(Scorer.Request request) {
    if (closing) {
      throw new GuardRejectedException(GuardRejectedException.Reason.CLOSED, "the guard is closed");
    }
    Job job = new Job(request, new CompletableFuture<>());
    if (!queue.offer(job)) {
      // The capacity, not queue.size(): a worker may have drained the queue since the offer.
      throw new GuardRejectedException(GuardRejectedException.Reason.QUEUE_FULL,
          "the guard queue is full (" + capacity + " classifications waiting)");
    }
    return job.result();
  }

  private void work() {
    while (!abandoning && (!closing || !queue.isEmpty())) {
      Job first;
      try {
        first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first != null) {
        List<Job> batch = new ArrayList<>(List.of(first));
        queue.drainTo(batch, maxBatch - 1);
        run(batch);
      }
    }
  }

  private void run(List<Job> jobs) {
    List<Job> ready = new ArrayList<>();
    List<Scorer.Prepared> prepared = new ArrayList<>();
    for (Job job : jobs) {
      if (job.result().isDone()) {
        continue;
      }
      try {
        prepared.add(scorer.prepare(job.request()));
        ready.add(job);
      } catch (CancellationException e) {
        // the prefix's forward pass stops on an interrupt, which only close sends
        job.result().completeExceptionally(abandoning
            ? closed("the guard closed while this classification ran") : e);
      } catch (RuntimeException e) {
        job.result().completeExceptionally(e);
      }
    }
    if (ready.isEmpty()) {
      return;
    }
    try {
      List<Scorer.Score> scores = scorer.score(prepared,
          () -> abandoning || ready.stream().allMatch(j -> j.result().isDone()));
      for (int i = 0; i < ready.size(); i++) {
        ready.get(i).result().complete(scores.get(i));
      }
    } catch (CancellationException e) {
      if (abandoning) {
        ready.forEach(j -> j.result().completeExceptionally(closed(
            "the guard closed while this classification ran")));
      }
      ready.forEach(j -> j.result().cancel(false));
    } catch (RuntimeException | Error e) {
      ready.forEach(j -> j.result().completeExceptionally(e));
    }
  }

  /** Takes no more requests, lets the queued ones finish within {@code grace}, then stops. */
  @Override
  public void close() {
    close(Duration.ofSeconds(60), Duration.ofSeconds(10));
  }

  /**
   * Takes no more requests and lets the queued ones finish within {@code grace}; past it, drops
   * those still waiting and abandons those running (a forward pass stops within one unit of
   * work), then waits at most {@code stopWait} more for the workers to end. Returns whether
   * they all did: only then may the model be closed.
   */
  boolean close(Duration grace, Duration stopWait) {
    closing = true;
    if (!joinAll(grace)) {
      abandoning = true;
      workers.forEach(Thread::interrupt); // one waiting for work or in a prefix's pass stops too
      joinAll(stopWait);
    }
    for (Job job; (job = queue.poll()) != null; ) {
      job.result().completeExceptionally(closed("the guard closed before this classification ran"));
    }
    return workers.stream().noneMatch(Thread::isAlive);
  }

  /** Waits, uninterruptibly, until every worker has ended. */
  void awaitStopped() {
    boolean interrupted = false;
    for (Thread worker : workers) {
      while (worker.isAlive()) {
        try {
          worker.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until every worker has ended or {@code timeout} has passed; whether they all ended. An
   * interrupt ends the wait early, and stays set.
   */
  private boolean joinAll(Duration timeout) {
    // Capped, so that the deadline's sum cannot overflow.
    long deadline = System.nanoTime() + Math.min(TimeUnit.NANOSECONDS.convert(timeout), YEAR_NANOS);
    for (Thread worker : workers) {
      long left = deadline - System.nanoTime();
      try {
        if (left <= 0 ? worker.isAlive() : !worker.join(Duration.ofNanos(left))) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static GuardRejectedException closed(String message) {
    return new GuardRejectedException(GuardRejectedException.Reason.CLOSED, message);
  }
}
