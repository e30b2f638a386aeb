package dev.ward.codeshield.rule;

import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.Arrays;
import java.util.function.IntPredicate;

/** Sorted, non-nested ranges of a tree's nodes (comments, functions) for "which one holds this offset". */
final class IntervalIndex {
  private final int[] starts;
  private final int[] ends;

  private IntervalIndex(int[] starts, int[] ends) {
    this.starts = starts;
    this.ends = ends;
  }

  /** The outermost nodes that {@code select} accepts; nodes inside a selected node are skipped. */
  static IntervalIndex of(SyntaxTree tree, IntPredicate select) {
    int[] starts = new int[16];
    int[] ends = new int[16];
    int count = 0;
    for (int n = 0; n < tree.size(); n++) {
      if (select.test(n)) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
          ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = tree.start(n);
        ends[count++] = tree.end(n);
        n = tree.subtreeEnd(n) - 1;
      }
    }
    return new IntervalIndex(Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
  }

  boolean contains(int offset) {
    int i = Arrays.binarySearch(starts, offset);
    int candidate = i >= 0 ? i : -i - 2;
    return candidate >= 0 && offset < ends[candidate];
  }
}
