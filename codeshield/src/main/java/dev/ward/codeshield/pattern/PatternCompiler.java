package dev.ward.codeshield.pattern;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.syntax.ParseLimits;
import dev.ward.codeshield.syntax.Parsers;
import dev.ward.codeshield.syntax.SyntaxTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a pattern with the target language's grammar and turns its tree into
 * {@link PatternNode}s.
 *
 * <p>Which node is the pattern: the deepest node spanning exactly the pattern's text (so
 * {@code foo($X)} is the call, not the statement around it); when no single node does, the
 * pattern is the sequence of sibling statements that span it. A statement whose only content is
 * an expression ({@code foo(x);}) is unwrapped to the expression, so it matches wherever that
 * expression occurs, as Semgrep's expression patterns do.
 */
final class PatternCompiler {
  private static final ParseLimits PATTERN_LIMITS = new ParseLimits(64 * 1024, Duration.ofSeconds(2), 100_000);
  private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{2,}");

  private final Language language;
  private final PatternSource source;
  private final SyntaxTree tree;
  private final Set<String> literals = new LinkedHashSet<>();

  private PatternCompiler(Language language, PatternSource source, SyntaxTree tree) {
    this.language = language;
    this.source = source;
    this.tree = tree;
  }

  static Pattern compile(String pattern, Language language) {
    if (pattern == null || pattern.isBlank()) {
      throw new PatternException("pattern is empty");
    }
    if (!language.hasGrammar()) {
      throw new PatternException(language + " has no grammar: its rules match with pattern-regex only");
    }
    PatternSource source = PatternSource.rewrite(pattern, language);
    String error = null;
    for (PatternSource.Wrapped candidate : source.candidates(language)) {
      SyntaxTree tree = Parsers.parse(language, candidate.text(), PATTERN_LIMITS);
      if (error == null) {
        error = firstError(tree, candidate);
      }
      if (!tree.hasError()) {
        PatternCompiler compiler = new PatternCompiler(language, source, tree);
        List<PatternNode> roots = compiler.roots(candidate);
        if (roots != null) {
          return new Pattern(language, pattern, roots, compiler.literals);
        }
      }
    }
    throw new PatternException("pattern does not parse as " + language + ": "
        + (error == null ? "syntax error (is the pattern incomplete?)" : error));
  }

  /** Where the first ERROR node of a candidate lies, in the pattern's own lines; null when it has none. */
  private static String firstError(SyntaxTree tree, PatternSource.Wrapped candidate) {
    for (int n = 0; n < tree.size(); n++) {
      if (tree.kind(n) == tree.grammar().errorKind()) {
        int at = Math.max(tree.start(n), candidate.start());
        int line = tree.line(at) - tree.line(candidate.start());
        int column = line == 0 ? at - candidate.start() : tree.column(at);
        String near = tree.text().substring(at, Math.min(tree.end(n), Math.max(at, candidate.end())));
        return "syntax error at line " + (line + 1) + ", column " + (column + 1) + " near '"
            + PatternSource.original(near.length() > 40 ? near.substring(0, 40) : near, tree.grammar().language()) + "'";
      }
    }
    return null;
  }

  /** The pattern's root nodes, or null when the candidate's tree does not isolate the pattern. */
  private List<PatternNode> roots(PatternSource.Wrapped candidate) {
    String text = tree.text();
    int from = candidate.start();
    int to = candidate.end();
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    int exact = -1;
    int enclosing = 0;
    for (int n = 1; n < tree.size(); n++) {
      if (tree.isComment(n)) {
        continue;
      }
      if (tree.start(n) <= from && tree.end(n) >= to) {
        enclosing = n;
        if (tree.start(n) == from && tree.end(n) == to) {
          exact = n;
        }
      }
    }
    if (exact >= 0) {
      return List.of(convert(unwrapStatement(exact)));
    }
    List<PatternNode> sequence = new ArrayList<>();
    for (int c = tree.firstChild(enclosing); c >= 0; c = tree.nextSibling(c)) {
      if (tree.start(c) >= from && tree.end(c) <= to && !tree.isComment(c) && !ignorable(c)) {
        sequence.add(convert(c));
      } else if (tree.start(c) < to && tree.end(c) > from && tree.isNamed(c)) {
        return null; // a child straddles the pattern's edge: this wrapping does not isolate it
      }
    }
    return sequence.isEmpty() ? null : sequence;
  }

  /** {@code foo(x);} is the expression {@code foo(x)}: a statement holding one named child and separators. */
  private int unwrapStatement(int node) {
    int only = -1;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (tree.isComment(c) || tree.isSeparator(c)) {
        continue;
      }
      if (only >= 0 || !tree.isNamed(c)) {
        return node;
      }
      only = c;
    }
    return only >= 0 && tree.kindName(node).endsWith("statement") ? unwrapStatement(only) : node;
  }

  private PatternNode convert(int node) {
    String text = tree.text(node);
    PatternNode special = special(node, text);
    if (special != null) {
      return special;
    }
    int kind = tree.kind(node);
    if (tree.grammar().isString(kind)) {
      String inner = stripQuotes(text);
      if (inner.equals(PatternSource.ELLIPSIS)) {
        return new PatternNode.AnyString();
      }
      return new PatternNode.Token(kind, PatternSource.original(text, language));
    }
    if (tree.isLeaf(node)) {
      String original = PatternSource.original(text, language);
      if (IDENTIFIER.matcher(original).matches()) {
        literals.add(original);
      }
      return new PatternNode.Token(kind, original);
    }
    List<PatternNode> children = new ArrayList<>();
    int named = 0;
    boolean modifiers = false;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (tree.isComment(c) || ignorable(c)) {
        continue;
      }
      if (tree.isNamed(c)) {
        named++;
      }
      modifiers |= tree.grammar().isModifier(tree.kind(c));
      children.add(convert(c));
    }
    if (children.size() == 1 && named == 1 && isWildcard(children.getFirst()) && !tree.grammar().isChainLink(kind)) {
      return children.getFirst(); // `$X;` or `...;` as a statement is the operator itself
    }
    if (children.size() == 1 && children.getFirst() instanceof PatternNode.Assignment a
        && tree.kindName(node).endsWith("statement")) {
      return a; // `x = y;` as a statement also matches `T x = y;`
    }
    if (children.size() == 3 && tree.kindName(node).contains("assignment")
        && children.get(1) instanceof PatternNode.Token t && t.text().equals("=")) {
      return new PatternNode.Assignment(new PatternNode.Branch(kind, children, modifiers), children.get(0), children.get(2));
    }
    if (tree.grammar().isChainLink(kind) && children.size() >= 2
        && children.getLast() instanceof PatternNode.Ellipsis
        && !(children.getFirst() instanceof PatternNode.Ellipsis)) {
      return new PatternNode.Chain(children.getFirst());
    }
    return new PatternNode.Branch(kind, children, modifiers);
  }

  private static boolean isWildcard(PatternNode node) {
    return node instanceof PatternNode.Metavariable || node instanceof PatternNode.Ellipsis
        || node instanceof PatternNode.EllipsisMetavariable;
  }

  /** A node that stands for an operator: a metavariable, an ellipsis, a deep or typed wrapper. */
  private PatternNode special(int node, String text) {
    if (text.equals(PatternSource.ELLIPSIS) || text.equals(PatternSource.ELLIPSIS_PARAMETER)) {
      return new PatternNode.Ellipsis();
    }
    if (text.startsWith(PatternSource.ELLIPSIS_METAVARIABLE)
        && text.substring(PatternSource.ELLIPSIS_METAVARIABLE.length()).matches("[A-Z_][A-Z0-9_]*")) {
      return new PatternNode.EllipsisMetavariable(text.substring(PatternSource.ELLIPSIS_METAVARIABLE.length()));
    }
    String metavariable = metavariableName(text);
    if (metavariable != null) {
      return new PatternNode.Metavariable(metavariable);
    }
    if (text.startsWith(PatternSource.DEEP + "(") && text.endsWith(")") && balanced(text)) {
      return new PatternNode.Deep(convert(argument(node, PatternSource.DEEP.length() + 1, text.length() - 1)));
    }
    if (text.startsWith(PatternSource.TYPED) && text.endsWith(")") && balanced(text)) {
      int open = text.indexOf("__(");
      int index = Integer.parseInt(text.substring(PatternSource.TYPED.length(), open));
      String name = metavariableName(text.substring(open + 3, text.length() - 1).strip());
      if (name == null) {
        throw new PatternException("typed metavariable needs a metavariable, got '" + text + "'");
      }
      return new PatternNode.Typed(name, source.types.get(index));
    }
    return null;
  }

  private String metavariableName(String text) {
    String prefix = language == Language.PHP ? "$" : PatternSource.METAVARIABLE;
    if (!text.startsWith(prefix)) {
      return null;
    }
    String name = text.substring(prefix.length());
    // In PHP, $_GET and friends are superglobals, not metavariables; $_ alone still is one.
    String syntax = language == Language.PHP ? "_|[A-Z][A-Z0-9_]*" : "[A-Z_][A-Z0-9_]*";
    return name.matches(syntax) ? name : null;
  }

  /**
   * The innermost node below {@code node} spanning the given offsets (relative to its text),
   * trimmed: for {@code <... $_GET ...>} the variable, not the PHP {@code argument} around it.
   */
  private int argument(int node, int relativeStart, int relativeEnd) {
    int from = tree.start(node) + relativeStart;
    int to = tree.start(node) + relativeEnd;
    String text = tree.text();
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    int innermost = -1;
    for (int n = node + 1; n < tree.subtreeEnd(node); n++) {
      boolean exact = tree.start(n) == from && tree.end(n) == to;
      if (exact && (innermost < 0 || !tree.isLeaf(n))) {
        innermost = n; // the deepest inner node; a leaf only when nothing else spans the text
      }
    }
    if (innermost >= 0) {
      return innermost;
    }
    throw new PatternException("cannot isolate '" + PatternSource.original(text.substring(from, to), language)
        + "' inside <... ...>; it must be an expression");
  }

  private static boolean balanced(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0 && i != text.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }

  private boolean ignorable(int node) {
    return tree.isSeparator(node);
  }

  static String stripQuotes(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && !Character.isLetterOrDigit(text.charAt(from)) && text.charAt(from) != '_') {
      from++;
    }
    while (to > from && !Character.isLetterOrDigit(text.charAt(to - 1)) && text.charAt(to - 1) != '_') {
      to--;
    }
    return text.substring(from, to);
  }
}
