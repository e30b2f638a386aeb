package dev.ward.codeshield.pattern;

import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.Arrays;

/**
 * A tree being scanned, with indexes built on first use: nodes by kind (so a pattern rooted at a
 * call only visits calls) and declared types. One per scan; not shared between threads.
 */
public final class Target {
  private final SyntaxTree tree;
  private int[][] nodesByKind;
  private TypeResolver types;

  public Target(SyntaxTree tree) {
    this.tree = tree;
  }

  public SyntaxTree tree() {
    return tree;
  }

  /** Nodes of {@code kind} in pre-order. */
  int[] nodesOfKind(int kind) {
    if (nodesByKind == null) {
      int kinds = tree.grammar().errorKind() + 1;
      int[] counts = new int[kinds];
      for (int n = 0; n < tree.size(); n++) {
        counts[tree.kind(n)]++;
      }
      int[][] index = new int[kinds][];
      for (int k = 0; k < kinds; k++) {
        index[k] = new int[counts[k]];
      }
      Arrays.fill(counts, 0);
      for (int n = 0; n < tree.size(); n++) {
        int k = tree.kind(n);
        index[k][counts[k]++] = n;
      }
      nodesByKind = index;
    }
    return nodesByKind[kind];
  }

  TypeResolver types() {
    if (types == null) {
      types = new TypeResolver(tree);
    }
    return types;
  }
}
