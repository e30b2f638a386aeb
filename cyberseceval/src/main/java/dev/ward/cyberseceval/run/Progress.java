package dev.ward.cyberseceval.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of one phase (queries, judging) of a run. On a terminal: one line redrawn in place,
 * with a bar, the count, the rate and the time left. Elsewhere (a log, CI): a plain line every
 * 10% or every 30 seconds, whichever comes first, so logs stay short.
 */
public final class Progress {
  private static final int BAR = 30;
  private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

  private final PrintStream out;
  private final boolean terminal;
  private final String label;
  private final int total;
  private final long start = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private long lastPrinted;
  private int lastDecile = -1;

  Progress(PrintStream out, boolean terminal, String label, int total) {
    this.out = out;
    this.terminal = terminal;
    this.label = label;
    this.total = total;
    this.lastPrinted = start;
  }

  /** Whether the process's output is an interactive terminal. */
  public static boolean onTerminal() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }

  void advance() {
    synchronized (this) {
      int now = done.incrementAndGet();
      long time = System.nanoTime();
      if (terminal) {
        if (time - lastPrinted >= 100_000_000L || now == total) {
          out.print("\r" + line(now, time) + "\u001b[K"); // erase what a longer line left
          if (now == total) {
            out.println();
          }
          out.flush();
          lastPrinted = time;
        }
        return;
      }
      int decile = total == 0 ? 10 : now * 10 / total;
      if (decile != lastDecile || time - lastPrinted >= PLAIN_EVERY_NANOS) {
        out.println(line(now, time));
        lastDecile = decile;
        lastPrinted = time;
      }
    }
  }

  String line(int now, long time) {
    double seconds = Math.max(1e-9, (time - start) / 1e9);
    double rate = now / seconds;
    String eta = now == 0 || now >= total ? "0s" : duration((long) ((total - now) / rate));
    int filled = total == 0 ? BAR : (int) ((long) BAR * now / total);
    String bar = terminal ? "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " : "";
    return String.format(Locale.ROOT, "%s %s%d/%d  %.2f/s  %s %s", label, bar, now, total, rate,
        now >= total ? "took" : "ETA", now >= total ? duration((long) seconds) : eta);
  }

  private static String duration(long seconds) {
    return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
        : seconds + "s";
  }
}
