package dev.ward.proxy.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Bounds the checks running at once across the proxy. A new request whose prompt check finds no
 * permit is turned away at once (429 with {@code Retry-After}): better than queueing behind the
 * guard past its deadline. An answer's check, for a request already admitted, waits its turn
 * instead, up to a limit (then it fails and the answer is withheld: a stream held back that
 * long is better ended than kept buffering). Thread-safe; waiters resume on their own event loop.
 */
public final class CheckPermits {
  private final int max;
  private final long maxWaitMillis;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int inFlight;

  /** An answer's check waiting for a permit, and the timer that gives up on it. */
  private static final class Waiter {
    final Context context;
    final Promise<Void> promise = Promise.promise();
    /** Set once the timer is armed; a release before that leaves the timer to find it gone. */
    volatile long timer = -1;

    Waiter(Context context) {
      this.context = context;
    }
  }

  public CheckPermits(int max, Duration maxWait) {
    if (max < 1) {
      throw new IllegalArgumentException("max concurrent checks must be >= 1; got " + max);
    }
    this.max = max;
    this.maxWaitMillis = Math.max(1, maxWait.toMillis());
  }

  /** A permit now, or false when all are taken. */
  public synchronized boolean tryAcquire() {
    if (inFlight >= max) {
      return false;
    }
    inFlight++;
    return true;
  }

  /** A permit when one is free, failing after the longest wait; completes on {@code context}. */
  public Future<Void> acquire(Context context) {
    Waiter waiter;
    synchronized (this) {
      if (inFlight < max) {
        inFlight++;
        return Future.succeededFuture();
      }
      waiter = new Waiter(context);
      waiting.add(waiter);
    }
    waiter.timer = context.owner().setTimer(maxWaitMillis, id -> {
      boolean removed;
      synchronized (this) {
        removed = waiting.remove(waiter); // false once a release handed it the permit
      }
      if (removed) {
        waiter.promise.tryFail("no check could start within " + maxWaitMillis + " ms: "
            + "every permit stayed taken");
      }
    });
    return waiter.promise.future();
  }

  public void release() {
    Waiter next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    // The permit passes straight to the waiter, whose timer has nothing left to do.
    next.context.owner().cancelTimer(next.timer);
    next.context.runOnContext(v -> next.promise.tryComplete());
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  public synchronized int waiting() {
    return waiting.size();
  }
}
