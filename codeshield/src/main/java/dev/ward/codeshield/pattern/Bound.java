package dev.ward.codeshield.pattern;

import dev.ward.codeshield.syntax.SyntaxTree;

/** What a metavariable is bound to: a syntax node, or text captured by a regex. */
public sealed interface Bound {
  String text();

  /**
   * The text as a view, without copying it: a node near the root of a deep nest spans most of
   * the input, and copying it for every match would cost O(n²).
   */
  default CharSequence chars() {
    return text();
  }

  /** Start offset (chars) in the scanned text. */
  int start();

  /** End offset (chars, exclusive) in the scanned text. */
  int end();

  /** Whether two bindings are the same code: token-equal for nodes, text-equal otherwise. */
  default boolean sameValue(Bound other) {
    if (this instanceof Node a && other instanceof Node b) {
      return SyntaxTree.sameCode(a.tree(), a.node(), b.tree(), b.node());
    }
    return text().strip().equals(other.text().strip());
  }

  /** A node of the scanned tree. */
  record Node(SyntaxTree tree, int node) implements Bound {
    @Override
    public String text() {
      return tree.text(node);
    }

    @Override
    public CharSequence chars() {
      return java.nio.CharBuffer.wrap(tree.text(), tree.start(node), tree.end(node));
    }

    @Override
    public int start() {
      return tree.start(node);
    }

    @Override
    public int end() {
      return tree.end(node);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Node other && other.tree == tree && other.node == node;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(tree) * 31 + node;
    }
  }

  /** Text a {@code pattern-regex} group captured. */
  record Text(String text, int start, int end) implements Bound {}
}
