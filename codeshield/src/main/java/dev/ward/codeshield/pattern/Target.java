package dev.ward.codeshield.pattern;

import dev.ward.codeshield.syntax.Budget;
import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tree being scanned, with indexes built on first use: nodes by kind (so a pattern rooted at a
 * call only visits calls), what each parenthesized node wraps, and declared types; and the
 * scan's {@link Budget}, which matching draws on. One per scan; not shared between threads.
 */
public final class Target {
  private final SyntaxTree tree;
  private final Budget budget;
  private int[][] nodesByKind;
  private int[] unwrapped;
  private final Map<PatternNode.Deep, DeepUse> deepUses = new IdentityHashMap<>();
  private TypeResolver types;

  /** A target without a deadline. */
  public Target(SyntaxTree tree) {
    this(tree, Budget.unlimited());
  }

  public Target(SyntaxTree tree, Budget budget) {
    this.tree = tree;
    this.budget = budget;
  }

  public SyntaxTree tree() {
    return tree;
  }

  /** The scan's budget: every unit of matching work takes a {@link Budget#step()}. */
  public Budget budget() {
    return budget;
  }

  /**
   * For a parenthesized node, the first node inside it that is not parenthesized ({@code x} for
   * {@code ((x))}), or -1 if there is none; for any other node, itself. One pass, from the last node
   * back (children come after their parent in pre-order), so looking through any nesting of
   * parentheses costs O(1), not O(depth) per node.
   */
  int unwrapped(int node) {
    if (unwrapped == null) {
      int[] inner = new int[tree.size()];
      for (int n = tree.size() - 1; n >= 0; n--) {
        budget.step();
        if (tree.grammar().isParentheses(tree.kind(n))) {
          int child = tree.firstNamedChild(n);
          inner[n] = child < 0 ? -1 : inner[child];
        } else {
          inner[n] = n;
        }
      }
      unwrapped = inner;
    }
    return unwrapped[node];
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

  /**
   * The whole-tree matches of a Deep pattern once it has walked {@code walked} more nodes, in
   * total, than the tree has; null before that (the caller walks the subtree itself).
   */
  DeepMatches deepMatches(PatternNode.Deep deep, int walked) {
    DeepUse use = deepUses.computeIfAbsent(deep, d -> new DeepUse());
    if (use.matches == null) {
      use.walked += walked;
      if (use.walked <= tree.size()) {
        return null;
      }
      use.matches = Matcher.deepMatches(deep, this);
    }
    return use.matches;
  }

  private static final class DeepUse {
    long walked;
    DeepMatches matches;
  }

  /** Nodes where a Deep pattern's inner pattern matches, in pre-order, with its bindings at each. */
  record DeepMatches(int[] nodes, List<List<Bindings>> results) {
    int size() {
      return nodes.length;
    }

    int node(int i) {
      return nodes[i];
    }

    List<Bindings> bindings(int i) {
      return results.get(i);
    }

    /** The first index whose node is at or after {@code node}. */
    int firstAtOrAfter(int node) {
      int i = Arrays.binarySearch(nodes, node);
      return i >= 0 ? i : -i - 1;
    }
  }

  TypeResolver types() {
    if (types == null) {
      types = new TypeResolver(tree);
    }
    return types;
  }
}
