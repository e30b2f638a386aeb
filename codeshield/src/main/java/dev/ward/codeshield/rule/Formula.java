package dev.ward.codeshield.rule;

import dev.ward.codeshield.pattern.Pattern;
import dev.ward.codeshield.regex.RegexPattern;
import java.util.List;

/**
 * A rule's matching logic for one language, as Semgrep composes it. Each formula evaluates to a
 * list of {@code Match}es (a range plus bindings); {@link Evaluator} says how each combines.
 */
sealed interface Formula {
  /** {@code pattern:}: a code pattern. */
  record Code(Pattern pattern) implements Formula {}

  /** {@code pattern-regex:}: a linear-time regex over the text, outside comments. */
  record Regex(RegexPattern regex) implements Formula {}

  /** {@code pattern-either:}: the union of its alternatives. */
  record Either(List<Formula> alternatives) implements Formula {
    public Either {
      alternatives = List.copyOf(alternatives);
    }
  }

  /**
   * {@code patterns:}: matches of every positive term (intersected), inside a match of every
   * {@code pattern-inside}, not equal to a {@code pattern-not} match, not inside a
   * {@code pattern-not-inside} match, passing every condition in order, then focused.
   */
  record All(List<Formula> positives, List<Formula> insides, List<Formula> nots, List<Formula> notInsides,
      List<Condition> conditions, List<String> focus) implements Formula {
    public All {
      positives = List.copyOf(positives);
      insides = List.copyOf(insides);
      nots = List.copyOf(nots);
      notInsides = List.copyOf(notInsides);
      conditions = List.copyOf(conditions);
      focus = List.copyOf(focus);
    }
  }

  /** {@code mode: taint}: a sink match reached by data from a source match, not passing a sanitizer. */
  record Taint(List<Formula> sources, List<Formula> sinks, List<Formula> sanitizers) implements Formula {
    public Taint {
      sources = List.copyOf(sources);
      sinks = List.copyOf(sinks);
      sanitizers = List.copyOf(sanitizers);
    }
  }
}
