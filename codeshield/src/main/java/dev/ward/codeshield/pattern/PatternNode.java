package dev.ward.codeshield.pattern;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled pattern: the pattern's syntax tree with Semgrep's operators made explicit. The
 * matcher switches over these; every other pattern node must equal the target node's kind and,
 * for leaves, its text.
 */
sealed interface PatternNode {
  /** {@code $X}: any named node; a second occurrence must be the same code. {@code $_} binds nothing. */
  record Metavariable(String name) implements PatternNode {
    boolean anonymous() {
      return name.equals("_");
    }
  }

  /** {@code ...}: in a list, any run of siblings (possibly none); alone, any node. */
  record Ellipsis() implements PatternNode {}

  /** {@code $...X}: like {@code ...}, and binds the run of siblings it absorbed (as text). */
  record EllipsisMetavariable(String name) implements PatternNode {}

  /** {@code "..."}: any string literal. */
  record AnyString() implements PatternNode {}

  /**
   * {@code <... P ...>}: P matches the node or any node below it.
   *
   * @param names the metavariables P binds or compares, which decide whether P's matches can be
   *     shared between places that bound other metavariables first
   */
  record Deep(PatternNode inner, Set<String> names) implements PatternNode {
    public Deep {
      names = Set.copyOf(names);
    }

    Deep(PatternNode inner) {
      this(inner, metavariables(inner, new HashSet<>()));
    }

    private static Set<String> metavariables(PatternNode node, Set<String> out) {
      switch (node) {
        case Metavariable m -> {
          if (!m.anonymous()) {
            out.add(m.name());
          }
        }
        case EllipsisMetavariable e -> out.add(e.name());
        case Typed t -> out.add(t.name());
        case Deep d -> out.addAll(d.names());
        case Chain c -> metavariables(c.receiver(), out);
        case Assignment a -> {
          metavariables(a.original(), out);
          metavariables(a.left(), out);
          metavariables(a.right(), out);
        }
        case Branch b -> b.children().forEach(child -> metavariables(child, out));
        case Ellipsis e -> { }
        case AnyString a -> { }
        case Token t -> { }
      }
      return out;
    }
  }

  /** {@code (T $X)}: like {@code $X}, but only where the target's declared or literal type is T. */
  record Typed(String name, String type) implements PatternNode {}

  /** {@code R. ... .m()}: R matches the receiver or any receiver further down the chain. */
  record Chain(PatternNode receiver) implements PatternNode {}

  /**
   * {@code L = R}: an assignment, which also matches a declaration with an initializer
   * ({@code T L = R}, {@code let L = R}, {@code const L = R}), as in Semgrep.
   */
  record Assignment(Branch original, PatternNode left, PatternNode right) implements PatternNode {}

  /** A leaf (or a literal compared whole): the same kind and the same text. */
  record Token(int kind, String text) implements PatternNode {}

  /** An inner node: the same kind, and the children match as a list (with ellipses). */
  record Branch(int kind, List<PatternNode> children, boolean hasModifiers) implements PatternNode {
    public Branch {
      children = List.copyOf(children);
    }
  }
}
