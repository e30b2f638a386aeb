package dev.ward.codeshield.rule;

import dev.ward.codeshield.pattern.Bindings;
import dev.ward.codeshield.pattern.Bound;
import dev.ward.codeshield.pattern.Match;
import dev.ward.codeshield.pattern.Matcher;
import dev.ward.codeshield.pattern.Target;
import dev.ward.codeshield.syntax.Budget;
import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a {@link Formula} over one tree, bottom-up, as Semgrep's {@code Match_rules} does:
 * every formula yields matches (ranges with bindings), and boolean operators combine ranges.
 *
 * <ul>
 *   <li>Several positive terms intersect: two matches with compatible bindings, one inside the
 *       other, give the inner range with both bindings.
 *   <li>{@code pattern-inside} keeps matches inside one of its matches and adds its bindings;
 *       {@code pattern-not-inside} drops them.
 *   <li>{@code pattern-not} drops matches with exactly its range (and compatible bindings).
 *   <li>Conditions filter in the order written; {@code focus-metavariable} comes last and narrows
 *       each range to the metavariable's.
 * </ul>
 *
 * One evaluator per scan; results over the whole tree are cached per formula, since taint rules
 * and negations reuse them. Every pairing of two matches takes a step of the scan's {@link Budget}.
 */
final class Evaluator {
  private final Target target;
  private final SyntaxTree tree;
  private final Budget budget;
  private final Map<Formula, List<Match>> wholeTree = new IdentityHashMap<>();
  private IntervalIndex comments;

  Evaluator(Target target) {
    this.target = target;
    this.tree = target.tree();
    this.budget = target.budget();
  }

  Target target() {
    return target;
  }

  /** Matches of {@code formula} in the whole tree. */
  List<Match> evaluate(Formula formula) {
    return evaluate(formula, tree.root());
  }

  /** Matches of {@code formula} at or below {@code scope}. */
  List<Match> evaluate(Formula formula, int scope) {
    if (scope != tree.root()) {
      return compute(formula, scope);
    }
    List<Match> cached = wholeTree.get(formula);
    if (cached == null) {
      cached = compute(formula, scope);
      wholeTree.put(formula, cached);
    }
    return cached;
  }

  private List<Match> compute(Formula formula, int scope) {
    return switch (formula) {
      case Formula.Code c -> Matcher.findAll(c.pattern(), target, scope);
      case Formula.Regex r -> r.regex().find(tree.text(), tree.start(scope), tree.end(scope), this::inComment);
      case Formula.Either e -> {
        Set<Match> union = new LinkedHashSet<>();
        for (Formula alternative : e.alternatives()) {
          union.addAll(evaluate(alternative, scope));
        }
        yield List.copyOf(union);
      }
      case Formula.All a -> all(a, scope);
      case Formula.Taint t -> new TaintAnalysis(this, t, scope).findings();
    };
  }

  private List<Match> all(Formula.All formula, int scope) {
    List<Formula> positives = formula.positives().isEmpty() ? formula.insides() : formula.positives();
    List<Match> result = evaluate(positives.getFirst(), scope);
    for (int i = 1; i < positives.size() && !result.isEmpty(); i++) {
      result = intersect(result, evaluate(positives.get(i), scope));
    }
    if (!formula.positives().isEmpty()) {
      for (Formula inside : formula.insides()) {
        if (result.isEmpty()) {
          break;
        }
        result = inside(result, evaluate(inside, scope));
      }
    }
    for (Formula not : formula.nots()) {
      if (result.isEmpty()) {
        break;
      }
      List<Match> excluded = evaluate(not, scope);
      result = result.stream().filter(m -> excluded.stream().noneMatch(x -> step() && x.sameRange(m)
          && m.bindings().merge(x.bindings()) != null)).toList();
    }
    for (Formula notInside : formula.notInsides()) {
      if (result.isEmpty()) {
        break;
      }
      List<Match> excluded = evaluate(notInside, scope);
      result = result.stream().filter(m -> excluded.stream().noneMatch(x -> step() && m.within(x)
          && m.bindings().merge(x.bindings()) != null)).toList();
    }
    for (Condition condition : formula.conditions()) {
      if (result.isEmpty()) {
        break;
      }
      result = apply(condition, result, scope);
    }
    if (!formula.focus().isEmpty()) {
      result = focus(result, formula.focus());
    }
    return List.copyOf(new LinkedHashSet<>(result));
  }

  private List<Match> intersect(List<Match> left, List<Match> right) {
    List<Match> out = new ArrayList<>();
    for (Match a : left) {
      for (Match b : right) {
        budget.step();
        Bindings merged = a.bindings().merge(b.bindings());
        if (merged == null) {
          continue;
        }
        if (a.within(b)) {
          out.add(a.withBindings(merged));
        } else if (b.within(a)) {
          out.add(b.withBindings(merged));
        }
      }
    }
    return out;
  }

  private List<Match> inside(List<Match> matches, List<Match> containers) {
    List<Match> out = new ArrayList<>();
    for (Match m : matches) {
      for (Match container : containers) {
        budget.step();
        if (m.within(container)) {
          Bindings merged = m.bindings().merge(container.bindings());
          if (merged != null) {
            out.add(m.withBindings(merged));
          }
        }
      }
    }
    return out;
  }

  private List<Match> apply(Condition condition, List<Match> matches, int scope) {
    return switch (condition) {
      // a regex or a comparison can read all of a long binding: the clock is read before each one
      case Condition.MetavariableRegex r -> matches.stream().filter(m -> check() && m.bindings().get(r.metavariable())
          .map(b -> r.regex().matchesPrefix(b.chars())).orElse(false)).toList();
      case Condition.MetavariableComparison c -> matches.stream().filter(m -> check() && c.comparison().test(m.bindings()))
          .toList();
      case Condition.NotRegex r -> {
        List<Match> excluded = r.regex().find(tree.text(), tree.start(scope), tree.end(scope), this::inComment);
        yield matches.stream().filter(m -> excluded.stream().noneMatch(x -> step() && x.start() < m.end()
            && m.start() < x.end())).toList();
      }
      case Condition.MetavariablePattern p -> {
        List<Match> out = new ArrayList<>();
        for (Match m : matches) {
          Optional<Bound> bound = m.bindings().get(p.metavariable());
          if (bound.isEmpty()) {
            continue;
          }
          int node = nodeCovering(bound.get());
          for (Match inner : evaluate(p.formula(), node)) {
            if (inner.start() >= bound.get().start() && inner.end() <= bound.get().end()) {
              Bindings merged = m.bindings().merge(inner.bindings());
              if (merged != null) {
                out.add(m.withBindings(merged));
              }
            }
          }
        }
        yield out;
      }
    };
  }

  /** The node a binding stands for, or for regex text the smallest node around it. */
  private int nodeCovering(Bound bound) {
    if (bound instanceof Bound.Node n && n.tree() == tree) {
      return n.node();
    }
    int best = tree.root();
    for (int n = 0; n < tree.size(); n++) {
      budget.step();
      if (tree.start(n) <= bound.start() && tree.end(n) >= bound.end()) {
        best = n;
      } else if (tree.start(n) > bound.start()) {
        break;
      }
    }
    return best;
  }

  private static List<Match> focus(List<Match> matches, List<String> metavariables) {
    List<Match> out = new ArrayList<>();
    for (Match m : matches) {
      for (String name : metavariables) {
        m.bindings().get(name).ifPresent(b -> out.add(new Match(b.start(), b.end(), m.bindings())));
      }
    }
    return out;
  }

  /** A step of the budget, as a predicate term for the filters above; always true. */
  boolean step() {
    budget.step();
    return true;
  }

  /** A check of the budget, for work whose cost grows with the text it reads; always true. */
  private boolean check() {
    budget.check();
    return true;
  }

  boolean inComment(int offset) {
    if (comments == null) {
      comments = IntervalIndex.of(tree, tree::isComment);
    }
    return comments.contains(offset);
  }
}
