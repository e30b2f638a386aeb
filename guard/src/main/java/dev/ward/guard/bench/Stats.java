package dev.ward.guard.bench;

import java.util.Arrays;

final class Stats {
  private Stats() {}

  /** The median, rounded to two decimals. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    double m = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return Math.round(m * 100) / 100.0;
  }
}
