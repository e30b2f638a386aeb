package dev.ward.codeshield.syntax;

/**
 * What one scan may still spend: a deadline on the {@link System#nanoTime()} clock, and a cancel
 * that another thread may request. Parsing, copying the tree and matching all draw on it, so
 * neither hostile input nor an abandoned request can hold a thread past the deadline (llama.cpp's
 * {@code abort_callback} plays the same part for a forward pass).
 *
 * <p>{@link #step()} is cheap enough for inner loops: a counter, with the clock, the cancel flag
 * and the thread's interrupt status read every {@value #CHECK_EVERY} steps. Steps are taken by
 * the one thread running the scan at a time; {@link #cancel()} may come from any thread.
 */
public final class Budget {
  /** Steps between two reads of the clock: about 10-50 µs of matching. */
  static final int CHECK_EVERY = 1 << 10;

  private final long deadlineNanos;
  private volatile boolean cancelled;
  private int steps;
  /** Run on cancel while a native parse is in flight, to raise Tree-sitter's cancellation flag. */
  private Runnable onCancel;

  private Budget(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** A budget that runs out {@code nanos} from now. */
  public static Budget ofNanos(long nanos) {
    if (nanos <= 0) {
      throw new IllegalArgumentException("a budget must be positive, got " + nanos + " ns");
    }
    return new Budget(System.nanoTime() + nanos);
  }

  /** A budget without a deadline, for tests and tools; it still honours {@link #cancel()}. */
  public static Budget unlimited() {
    return new Budget(System.nanoTime() + Long.MAX_VALUE / 2);
  }

  /** Stops the scan: its next step throws {@link Exhausted}, and a parse in flight returns early. */
  public void cancel() {
    cancelled = true;
    synchronized (this) {
      if (onCancel != null) {
        onCancel.run();
      }
    }
  }

  /** Whether {@link #cancel()} was called or the scanning thread was interrupted. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Nanoseconds left before the deadline; zero or less once it has passed. */
  public long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }

  /** One unit of work; every {@value #CHECK_EVERY} steps, {@link #check()}. */
  public void step() {
    if (++steps >= CHECK_EVERY) {
      steps = 0;
      check();
    }
  }

  /** Throws {@link Exhausted} if the scan was cancelled, its thread interrupted, or its deadline passed. */
  public void check() {
    if (cancelled || Thread.currentThread().isInterrupted()) {
      cancelled = true;
      throw new Exhausted(true);
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new Exhausted(false);
    }
  }

  /**
   * Runs {@code hook} if the scan is cancelled while it is set (at once if it already is); null
   * clears it. Once a clear returns, the old hook neither runs nor is running.
   */
  synchronized void onCancel(Runnable hook) {
    onCancel = hook;
    if (hook != null && cancelled) {
      hook.run();
    }
  }

  /** The budget ran out: cancelled (or interrupted), or past the deadline. Cheap: no stack trace. */
  public static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean cancelled;

    Exhausted(boolean cancelled) {
      super(cancelled ? "scan cancelled" : "scan deadline reached", null, false, false);
      this.cancelled = cancelled;
    }

    /** Whether a cancel (or interrupt) ended the scan rather than its deadline. */
    public boolean cancelled() {
      return cancelled;
    }
  }
}
