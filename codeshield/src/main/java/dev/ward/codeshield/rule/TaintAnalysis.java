package dev.ward.codeshield.rule;

import dev.ward.codeshield.pattern.Match;
import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mode: taint} within one function, the way Semgrep's intraprocedural taint works in its
 * simplest form: a sink match is a finding when it contains a source match, or a name that an
 * assignment in the same function made tainted, and that occurrence is not inside a sanitizer
 * match.
 *
 * <p>An assignment ({@code x = e}, {@code T x = e}, {@code let x = e}, {@code x := e}...) taints
 * its left-hand names when {@code e} contains taint; this repeats until nothing changes, so taint
 * flows through chains of variables. The analysis is flow-insensitive (an assignment after the
 * sink still counts) and ignores calls between functions: cheap, and on LLM-sized snippets it
 * errs towards reporting. Code outside any function is one more scope.
 */
final class TaintAnalysis {
  private static final int MAX_ROUNDS = 8;

  private final Evaluator evaluator;
  private final SyntaxTree tree;
  private final Formula.Taint formula;
  private final int scope;
  private final Map<Integer, Set<String>> taintedByFunction = new HashMap<>();
  private List<Match> sources;
  private List<Match> sanitizers;

  TaintAnalysis(Evaluator evaluator, Formula.Taint formula, int scope) {
    this.evaluator = evaluator;
    this.tree = evaluator.target().tree();
    this.formula = formula;
    this.scope = scope;
  }

  List<Match> findings() {
    List<Match> sinks = union(formula.sinks());
    if (sinks.isEmpty()) {
      return List.of();
    }
    sources = union(formula.sources());
    if (sources.isEmpty()) {
      return List.of();
    }
    sanitizers = union(formula.sanitizers());
    List<Match> findings = new ArrayList<>();
    for (Match sink : sinks) {
      int function = enclosingFunction(sink.start(), sink.end());
      Set<String> tainted = taintedByFunction.computeIfAbsent(function, this::taintedNames);
      if (containsTaint(sink.start(), sink.end(), tainted)) {
        findings.add(sink);
      }
    }
    return findings;
  }

  private List<Match> union(List<Formula> formulas) {
    Set<Match> all = new LinkedHashSet<>();
    for (Formula f : formulas) {
      all.addAll(evaluator.evaluate(f, scope));
    }
    return List.copyOf(all);
  }

  /** The innermost function around a range, or the root for top-level code. */
  private int enclosingFunction(int start, int end) {
    int best = tree.root();
    for (int n = 0; n < tree.size(); n++) {
      evaluator.step();
      if (tree.start(n) > start) {
        break;
      }
      if (tree.end(n) < end) {
        n = tree.subtreeEnd(n) - 1;
        continue;
      }
      if (tree.grammar().isFunction(tree.kind(n))) {
        best = n;
      }
    }
    return best;
  }

  private Set<String> taintedNames(int function) {
    Set<String> tainted = new HashSet<>();
    List<int[]> assignments = new ArrayList<>();
    for (int n = function; n < tree.subtreeEnd(function); n++) {
      evaluator.step();
      int[] sides = assignment(n);
      if (sides != null) {
        assignments.add(sides);
      }
    }
    boolean changed = true;
    for (int round = 0; round < MAX_ROUNDS && changed; round++) {
      changed = false;
      for (int[] sides : assignments) {
        int left = sides[0];
        int right = sides[1];
        if (containsTaint(tree.start(right), tree.end(right), tainted)) {
          changed |= tainted.add(tree.text(left).strip());
          for (int n = left; n < tree.subtreeEnd(left); n++) {
            if (tree.isLeaf(n) && tree.isNamed(n) && tree.kindName(n).contains("identifier")) {
              changed |= tainted.add(tree.text(n));
            }
          }
        }
      }
    }
    return tainted;
  }

  /**
   * The left and right sides of an assignment or initialized declaration, or null. Only kinds
   * named like one qualify: binary operators have {@code left}/{@code right} fields too.
   */
  private int[] assignment(int node) {
    String kind = tree.kindName(node);
    if (!(kind.contains("assign") || kind.contains("declarat") || kind.equals("let_declaration")
        || kind.equals("short_var_declaration") || kind.equals("property_declaration"))) {
      return null;
    }
    int left = -1;
    int right = -1;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      String field = tree.fieldName(c);
      if (field == null) {
        continue;
      }
      switch (field) {
        case "left", "name", "declarator", "pattern" -> left = left < 0 ? c : left;
        case "right", "value" -> right = c;
        default -> { }
      }
    }
    if (right < 0) {
      int first = tree.firstNamedChild(node);
      int last = -1;
      for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
        if (tree.isNamed(c) && !tree.isComment(c)) {
          last = c;
        }
      }
      if (first >= 0 && last > first) {
        left = left < 0 ? first : left;
        right = last;
      }
    }
    return left >= 0 && right >= 0 && left != right ? new int[] {left, right} : null;
  }

  private boolean containsTaint(int start, int end, Set<String> tainted) {
    for (Match source : sources) {
      evaluator.step();
      if (source.start() >= start && source.end() <= end && !sanitized(source.start(), source.end())) {
        return true;
      }
    }
    if (tainted.isEmpty()) {
      return false;
    }
    int longest = 0;
    for (String name : tainted) {
      longest = Math.max(longest, name.length());
    }
    for (int n = 0; n < tree.size(); n++) {
      evaluator.step();
      if (tree.end(n) <= start) {
        n = tree.subtreeEnd(n) - 1;
        continue;
      }
      if (tree.start(n) >= end) {
        break;
      }
      // longer nodes cannot be a tainted name, and copying their text out would cost O(n²) over a deep nest
      if (tree.start(n) >= start && tree.end(n) <= end && tree.isNamed(n) && tree.end(n) - tree.start(n) <= longest
          && tainted.contains(tree.text(n)) && !sanitized(tree.start(n), tree.end(n))) {
        return true;
      }
    }
    return false;
  }

  private boolean sanitized(int start, int end) {
    for (Match sanitizer : sanitizers) {
      evaluator.step();
      if (sanitizer.start() <= start && end <= sanitizer.end()) {
        return true;
      }
    }
    return false;
  }
}
