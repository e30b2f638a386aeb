package dev.ward.codeshield.pattern;

import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Matches compiled patterns against a tree: {@code pattern, target, bindings -> list of bindings},
 * as Semgrep's {@code Generic_vs_generic} does. Bindings are immutable, so each alternative (an
 * ellipsis absorbing one more sibling, a deep match one level lower) carries its own.
 *
 * <p>Stateless and thread-safe; per-tree indexes live in {@link Target}.
 */
public final class Matcher {
  /** Bound on the alternatives kept per node, so that {@code f(..., $X, ..., $Y, ...)} over a huge list stays linear. */
  static final int MAX_ALTERNATIVES = 64;

  private Matcher() {}

  /** Every match of {@code pattern} in the whole tree. */
  public static List<Match> findAll(Pattern pattern, Target target) {
    return findAll(pattern, target, target.tree().root());
  }

  /** Every match of {@code pattern} at {@code scope} or below it. */
  public static List<Match> findAll(Pattern pattern, Target target, int scope) {
    SyntaxTree tree = target.tree();
    if (tree.grammar().language() != pattern.language()) {
      throw new IllegalArgumentException("pattern is " + pattern.language() + " but the tree is "
          + tree.grammar().language());
    }
    Set<Match> found = new LinkedHashSet<>();
    int scopeEnd = tree.subtreeEnd(scope);
    if (pattern.isSequence()) {
      for (int n = scope; n < scopeEnd; n++) {
        if (!tree.isLeaf(n)) {
          sequence(pattern.roots(), target, n, found);
        }
      }
      return List.copyOf(found);
    }
    PatternNode root = pattern.roots().getFirst();
    int kind = rootKind(root);
    if (kind >= 0) {
      for (int n : target.nodesOfKind(kind)) {
        if (n >= scope && n < scopeEnd) {
          collect(root, target, n, found);
        }
      }
    } else {
      for (int n = scope; n < scopeEnd; n++) {
        if (tree.isNamed(n) && !tree.isComment(n)
            && !(root instanceof PatternNode.Assignment a && standsForInnerAssignment(a, tree, n))) {
          collect(root, target, n, found);
        }
      }
    }
    return List.copyOf(found);
  }

  private static void collect(PatternNode root, Target target, int node, Set<Match> found) {
    SyntaxTree tree = target.tree();
    for (Bindings b : match(root, target, node, Bindings.EMPTY)) {
      found.add(new Match(tree.start(node), tree.end(node), b));
    }
  }

  /** The kind every match of {@code root} has, or -1 when matches can be of several kinds. */
  private static int rootKind(PatternNode root) {
    return switch (root) {
      case PatternNode.Token t -> t.kind();
      case PatternNode.Branch b -> b.kind();
      default -> -1;
    };
  }

  /** All ways {@code pattern} matches {@code node} given {@code bindings}. */
  static List<Bindings> match(PatternNode pattern, Target target, int node, Bindings bindings) {
    target.budget().step();
    SyntaxTree tree = target.tree();
    return switch (pattern) {
      case PatternNode.Metavariable m -> {
        if (!tree.isNamed(node) || tree.isComment(node)) {
          yield List.of();
        }
        yield bind(m.anonymous() ? bindings : bindings.with(m.name(), tree, node));
      }
      case PatternNode.Ellipsis e -> List.of(bindings);
      case PatternNode.EllipsisMetavariable e -> bind(bindings.with(e.name(),
          new Bound.Text(tree.text(node), tree.start(node), tree.end(node))));
      case PatternNode.AnyString s -> isConstantString(tree, node) ? List.of(bindings)
          : throughParentheses(pattern, target, node, bindings);
      case PatternNode.Deep d -> deep(d, target, node, bindings);
      case PatternNode.Typed t -> target.types().hasType(node, t.type())
          ? bind(bindings.with(t.name(), tree, node)) : throughParentheses(pattern, target, node, bindings);
      case PatternNode.Chain c -> {
        List<Bindings> all = new ArrayList<>();
        for (int n = node; n >= 0 && all.size() < MAX_ALTERNATIVES;
            n = tree.grammar().isChainLink(tree.kind(n)) ? tree.firstNamedChild(n) : -1) {
          all.addAll(match(c.receiver(), target, n, bindings));
        }
        yield all;
      }
      case PatternNode.Token t -> {
        if (tree.kind(node) != t.kind()) {
          yield throughParentheses(pattern, target, node, bindings);
        }
        int length = tree.end(node) - tree.start(node);
        if (length == t.text().length() && tree.text().startsWith(t.text(), tree.start(node))) {
          yield List.of(bindings);
        }
        // 'x' and "x" are the same string wherever a language lets either quote mean the same
        yield tree.grammar().isString(t.kind()) && isConstantString(tree, node)
            && unquote(t.text()).equals(unquote(tree.text(node))) ? List.of(bindings) : List.of();
      }
      case PatternNode.Assignment a -> assignment(a, target, node, bindings);
      case PatternNode.Branch b -> {
        if (tree.kind(node) != b.kind()) {
          yield throughParentheses(pattern, target, node, bindings);
        }
        List<Bindings> out = new ArrayList<>();
        list(b.children(), 0, children(tree, node, !b.hasModifiers()), 0, target, bindings, out);
        yield out;
      }
    };
  }

  /**
   * {@code <... P ...>} at {@code node}: P's matches at the node and below it, in pre-order. Tried
   * at every node of a deep nest (say {@code $F(<... $A * $B ...>)} over {@code f(f(f(...)))}),
   * walking each subtree would cost O(depth²); so once a Deep pattern has walked as many nodes as
   * the tree has, P's matches over the whole tree are computed once and each later subtree looks
   * its share up by range. Valid whenever P shares no metavariable with the bindings so far (its
   * matches then do not depend on them); otherwise the subtree is walked.
   */
  private static List<Bindings> deep(PatternNode.Deep d, Target target, int node, Bindings bindings) {
    SyntaxTree tree = target.tree();
    int end = tree.subtreeEnd(node);
    boolean shareable = !bindings.bindsAny(d.names());
    Target.DeepMatches index = shareable ? target.deepMatches(d, end - node) : null;
    List<Bindings> all = new ArrayList<>();
    if (index != null) {
      for (int i = index.firstAtOrAfter(node); i < index.size() && index.node(i) < end && all.size() < MAX_ALTERNATIVES; i++) {
        for (Bindings b : index.bindings(i)) {
          target.budget().step();
          Bindings merged = bindings.merge(b);
          if (merged != null) {
            all.add(merged);
          }
        }
      }
      return all;
    }
    for (int n = node; n < end && all.size() < MAX_ALTERNATIVES; n++) {
      if (!tree.isComment(n)) {
        all.addAll(match(d.inner(), target, n, bindings));
      }
    }
    return all;
  }

  /** P's matches at every node of the tree, without bindings: the index {@link #deep} looks ranges up in. */
  static Target.DeepMatches deepMatches(PatternNode.Deep d, Target target) {
    SyntaxTree tree = target.tree();
    List<Integer> nodes = new ArrayList<>();
    List<List<Bindings>> results = new ArrayList<>();
    for (int n = 0; n < tree.size(); n++) {
      if (!tree.isComment(n)) {
        List<Bindings> here = match(d.inner(), target, n, Bindings.EMPTY);
        if (!here.isEmpty()) {
          nodes.add(n);
          results.add(here);
        }
      }
    }
    return new Target.DeepMatches(nodes.stream().mapToInt(Integer::intValue).toArray(), results);
  }

  /**
   * A string literal without interpolation: every named part is string content, an escape or a
   * nested literal. {@code f"{x}"}, {@code `${x}`} and PHP's {@code "$x"} are not constants.
   */
  private static boolean isConstantString(SyntaxTree tree, int node) {
    if (!tree.grammar().isString(tree.kind(node))) {
      return false;
    }
    for (int n = node + 1; n < tree.subtreeEnd(node); n++) {
      if (tree.isNamed(n) && !tree.isComment(n)) {
        String kind = tree.kindName(n);
        if (!(kind.contains("string") || kind.contains("escape") || kind.contains("character") || kind.contains("literal")
            || kind.equals("text") || kind.equals("heredoc_start") || kind.equals("heredoc_end"))) {
          return false;
        }
      }
    }
    return true;
  }

  /** A literal's content without its prefix and quotes: {@code r"x"}, {@code @"x"}, {@code 'x'} and triple quotes. */
  static String unquote(String literal) {
    int from = 0;
    while (from < literal.length() && (Character.isLetter(literal.charAt(from)) || literal.charAt(from) == '@')) {
      from++;
    }
    if (from >= literal.length()) {
      return literal;
    }
    char quote = literal.charAt(from);
    if (quote != '"' && quote != '\'' && quote != '`') {
      return literal;
    }
    int width = literal.startsWith(String.valueOf(quote).repeat(3), from) && literal.length() - from >= 6 ? 3 : 1;
    int to = literal.length() - width;
    return to >= from + width ? literal.substring(from + width, to) : literal;
  }

  private static List<Bindings> bind(Bindings bindings) {
    return bindings == null ? List.of() : List.of(bindings);
  }

  /**
   * An assignment pattern against an assignment, or against a declaration that initializes: the
   * declarator's name and value (fields {@code name}/{@code declarator}/{@code pattern}/{@code left}
   * and {@code value}/{@code right}), found directly or in the one declarator of a declaration or
   * statement.
   */
  private static List<Bindings> assignment(PatternNode.Assignment a, Target target, int node, Bindings bindings) {
    SyntaxTree tree = target.tree();
    if (tree.kind(node) == a.original().kind()) {
      return match(a.original(), target, node, bindings);
    }
    int[] sides = sides(tree, node);
    if (sides != null) {
      List<Bindings> out = new ArrayList<>();
      for (Bindings b : match(a.left(), target, sides[0], bindings)) {
        out.addAll(match(a.right(), target, sides[1], b));
      }
      return out;
    }
    int inner = soleAssignment(tree, node);
    return inner >= 0 ? assignment(a, target, inner, bindings) : List.of();
  }

  /**
   * Whether {@code node} matches an assignment pattern only as its one declarator or assignment
   * does ({@code T x = e;} and {@code x = e;} as statements): the search reports that inner node
   * alone, or every assignment would be found twice, once inside the other.
   */
  private static boolean standsForInnerAssignment(PatternNode.Assignment a, SyntaxTree tree, int node) {
    return tree.kind(node) != a.original().kind() && sides(tree, node) == null && soleAssignment(tree, node) >= 0;
  }

  /** The name and value children of a declarator, declaration or assignment, or null. */
  private static int[] sides(SyntaxTree tree, int node) {
    int name = -1;
    int value = -1;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      String field = tree.fieldName(c);
      if (field == null) {
        continue;
      }
      switch (field) {
        case "name", "declarator", "pattern", "left" -> name = name < 0 ? c : name;
        case "value", "right" -> value = c;
        default -> { }
      }
    }
    return name >= 0 && value >= 0 && isDeclarationOrAssignment(tree.kindName(node)) ? new int[] {name, value} : null;
  }

  private static boolean isDeclarationOrAssignment(String kind) {
    return kind.contains("declarator") || kind.contains("declaration") || kind.contains("assignment");
  }

  /** The one declarator or assignment of a declaration or statement, or -1. */
  private static int soleAssignment(SyntaxTree tree, int node) {
    String kind = tree.kindName(node);
    if (!kind.contains("declaration") && !kind.endsWith("statement")) {
      return -1;
    }
    int only = -1;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (tree.isNamed(c) && isDeclarationOrAssignment(tree.kindName(c))) {
        if (only >= 0) {
          return -1; // `int a = 1, b = 2;` is two assignments, neither the whole statement
        }
        only = c;
      }
    }
    return only;
  }

  /**
   * {@code (x)} matches what {@code x} matches: parentheses in the target do not change meaning.
   * Called when the pattern did not match the parenthesized node itself, so it cannot match the
   * parentheses between it and {@code x} either: the jump to {@code x} is direct, and a pattern
   * tried at each of 100k nested parentheses costs 100k steps, not 100k² / 2.
   */
  private static List<Bindings> throughParentheses(PatternNode pattern, Target target, int node, Bindings bindings) {
    if (!target.tree().grammar().isParentheses(target.tree().kind(node))) {
      return List.of();
    }
    int inner = target.unwrapped(node);
    return inner < 0 ? List.of() : match(pattern, target, inner, bindings);
  }

  /** The children the matcher compares: no comments, no separators, and no modifiers unless the pattern has some. */
  static int[] children(SyntaxTree tree, int node, boolean skipModifiers) {
    int count = 0;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (compared(tree, c, skipModifiers)) {
        count++;
      }
    }
    int[] result = new int[count];
    int i = 0;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (compared(tree, c, skipModifiers)) {
        result[i++] = c;
      }
    }
    return result;
  }

  private static boolean compared(SyntaxTree tree, int child, boolean skipModifiers) {
    return !tree.isComment(child) && !tree.isSeparator(child)
        && !(skipModifiers && tree.grammar().isModifier(tree.kind(child)));
  }

  /** Matches pattern children {@code [pi..]} against target children {@code [ti..]}; an ellipsis takes any run. */
  private static void list(List<PatternNode> patterns, int pi, int[] targets, int ti, Target target,
      Bindings bindings, List<Bindings> out) {
    if (out.size() >= MAX_ALTERNATIVES) {
      return;
    }
    if (pi == patterns.size()) {
      if (ti == targets.length) {
        out.add(bindings);
      }
      return;
    }
    PatternNode p = patterns.get(pi);
    if (p instanceof PatternNode.Ellipsis) {
      for (int k = ti; k <= targets.length; k++) {
        target.budget().step();
        list(patterns, pi + 1, targets, k, target, bindings, out);
      }
      return;
    }
    if (p instanceof PatternNode.EllipsisMetavariable e) {
      for (int k = ti; k <= targets.length; k++) {
        target.budget().step();
        Bindings b = bindings.with(e.name(), run(target.tree(), targets, ti, k));
        if (b != null) {
          list(patterns, pi + 1, targets, k, target, b, out);
        }
      }
      return;
    }
    if (ti == targets.length || targets.length - ti < minimumLength(patterns, pi)) {
      return;
    }
    for (Bindings b : match(p, target, targets[ti], bindings)) {
      list(patterns, pi + 1, targets, ti + 1, target, b, out);
    }
  }

  /** The text of {@code targets[from, to)}: what an ellipsis metavariable binds (empty at the gap). */
  private static Bound run(SyntaxTree tree, int[] targets, int from, int to) {
    if (from == to) {
      int at = from < targets.length ? tree.start(targets[from]) : targets.length > 0 ? tree.end(targets[targets.length - 1]) : 0;
      return new Bound.Text("", at, at);
    }
    int start = tree.start(targets[from]);
    int end = tree.end(targets[to - 1]);
    return new Bound.Text(tree.text().substring(start, end), start, end);
  }

  private static int minimumLength(List<PatternNode> patterns, int from) {
    int count = 0;
    for (int i = from; i < patterns.size(); i++) {
      if (!(patterns.get(i) instanceof PatternNode.Ellipsis || patterns.get(i) instanceof PatternNode.EllipsisMetavariable)) {
        count++;
      }
    }
    return count;
  }

  /**
   * A statement-sequence pattern against the children of {@code node}: it may start at any child
   * and need not reach the last; the match spans from the first to the last child it used, or to
   * the end of the block when the pattern ends with {@code ...}.
   */
  private static void sequence(List<PatternNode> patterns, Target target, int node, Set<Match> found) {
    SyntaxTree tree = target.tree();
    int[] statements = children(tree, node, false);
    for (int first = 0; first < statements.length; first++) {
      sequenceFrom(patterns, 0, statements, first, first, target, Bindings.EMPTY, found, tree);
    }
  }

  private static void sequenceFrom(List<PatternNode> patterns, int pi, int[] statements, int first, int next,
      Target target, Bindings bindings, Set<Match> found, SyntaxTree tree) {
    if (pi == patterns.size()) {
      int last = patterns.getLast() instanceof PatternNode.Ellipsis ? statements.length - 1 : next - 1;
      if (last >= first) {
        found.add(new Match(tree.start(statements[first]), tree.end(statements[last]), bindings));
      }
      return;
    }
    PatternNode p = patterns.get(pi);
    if (p instanceof PatternNode.Ellipsis) {
      if (pi + 1 == patterns.size()) {
        // A trailing ellipsis takes the rest of the block: one match, not one per statement left.
        sequenceFrom(patterns, pi + 1, statements, first, next, target, bindings, found, tree);
        return;
      }
      for (int k = next; k <= statements.length; k++) {
        target.budget().step();
        sequenceFrom(patterns, pi + 1, statements, first, k, target, bindings, found, tree);
      }
      if (pi + 2 == patterns.size()) {
        deepLast(patterns.get(pi + 1), statements, first, next, target, bindings, found, tree);
      }
      return;
    }
    if (next >= statements.length || (pi == 0 && next != first)) {
      return;
    }
    for (Bindings b : match(p, target, statements[next], bindings)) {
      sequenceFrom(patterns, pi + 1, statements, first, next + 1, target, b, found, tree);
    }
  }

  /**
   * After {@code ...}, the last statement of a sequence may also be nested in a later statement
   * (an {@code if} or loop body), as Semgrep's ellipsis reaches into blocks: {@code $F = open(p);
   * ... $F.close();} matches a close inside a branch.
   */
  private static void deepLast(PatternNode last, int[] statements, int first, int next, Target target,
      Bindings bindings, Set<Match> found, SyntaxTree tree) {
    for (int k = next; k < statements.length; k++) {
      for (int d = statements[k] + 1; d < tree.subtreeEnd(statements[k]); d++) {
        if (!tree.isNamed(d) || tree.isComment(d)) {
          continue;
        }
        for (Bindings b : match(last, target, d, bindings)) {
          found.add(new Match(tree.start(statements[first]), tree.end(d), b));
        }
      }
    }
  }
}
