package dev.ward.guardrails;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One timer thread for every deadline; a deadline met early is removed at once. */
final class Deadlines {
  private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1,
      Thread.ofPlatform().daemon().name("ward-deadlines").factory());

  static {
    TIMER.setRemoveOnCancelPolicy(true);
  }

  private Deadlines() {}

  static ScheduledFuture<?> after(Duration delay, Runnable action) {
    return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
