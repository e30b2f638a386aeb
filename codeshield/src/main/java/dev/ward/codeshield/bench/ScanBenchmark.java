package dev.ward.codeshield.bench;

import dev.ward.codeshield.CodeShield;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency of {@link CodeShield#scanMarkdown} on LLM-style answers, warm, single thread. Answers
 * are built from samples: a sentence of prose, the code in a fenced block, a closing sentence; and,
 * to reach the 200-line size the target is stated for, several samples of one language joined into
 * one answer of at most {@link #MAX_LINES} lines.
 */
public final class ScanBenchmark {
  public static final int MAX_LINES = 200;

  private ScanBenchmark() {}

  /** Latency percentiles in microseconds. */
  public record Stats(int answers, int scans, double p50, double p90, double p99, double max, double mean) {
    @Override
    public String toString() {
      return String.format("%d answers, %d scans: p50 %.0f µs, p90 %.0f µs, p99 %.0f µs, max %.0f µs, mean %.0f µs",
          answers, scans, p50, p90, p99, max, mean);
    }
  }

  /** Answers of up to {@link #MAX_LINES} lines, each holding fenced code of one language. */
  public static List<String> answers(List<Sample> samples) {
    Map<String, List<Sample>> byLanguage = new LinkedHashMap<>();
    for (Sample s : samples) {
      byLanguage.computeIfAbsent(s.language(), k -> new ArrayList<>()).add(s);
    }
    List<String> answers = new ArrayList<>();
    for (Map.Entry<String, List<Sample>> e : byLanguage.entrySet()) {
      StringBuilder answer = new StringBuilder();
      int lines = 0;
      for (Sample s : e.getValue()) {
        String block = "Here is one way to do it:\n\n```" + e.getKey() + "\n" + s.code().strip() + "\n```\n\n"
            + "This handles the common cases.\n";
        int blockLines = (int) block.lines().count();
        if (lines + blockLines > MAX_LINES && lines > 0) {
          answers.add(answer.toString());
          answer.setLength(0);
          lines = 0;
        }
        answer.append(block);
        lines += blockLines;
      }
      if (lines > 0) {
        answers.add(answer.toString());
      }
    }
    return answers;
  }

  /** Scans every answer {@code warmup} times unmeasured, then {@code rounds} times measured. */
  public static Stats run(CodeShield shield, List<String> answers, int warmup, int rounds) {
    if (answers.isEmpty() || rounds < 1 || warmup < 0) {
      throw new IllegalArgumentException("need answers, rounds >= 1 and warmup >= 0; got " + answers.size()
          + " answers, " + rounds + " rounds, " + warmup + " warmup");
    }
    long sink = 0;
    for (int i = 0; i < warmup; i++) {
      for (String a : answers) {
        sink += shield.scanMarkdown(a).findings().size();
      }
    }
    long[] nanos = new long[answers.size() * rounds];
    int k = 0;
    for (int r = 0; r < rounds; r++) {
      for (String a : answers) {
        long t0 = System.nanoTime();
        sink += shield.scanMarkdown(a).findings().size();
        nanos[k++] = System.nanoTime() - t0;
      }
    }
    if (sink < 0) {
      throw new AssertionError("unreachable; keeps the scans from being optimized away");
    }
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
    return new Stats(answers.size(), nanos.length, percentile(nanos, 0.50), percentile(nanos, 0.90),
        percentile(nanos, 0.99), nanos[nanos.length - 1] / 1000.0, mean);
  }

  private static double percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
  }
}
