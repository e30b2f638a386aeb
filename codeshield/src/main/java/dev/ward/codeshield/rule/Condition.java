package dev.ward.codeshield.rule;

import dev.ward.codeshield.regex.RegexPattern;

/** A filter on one match's bindings, from a {@code metavariable-*} or {@code pattern-not-regex} term. */
sealed interface Condition {
  /** {@code metavariable-regex:}: the bound text matches, anchored at its start. */
  record MetavariableRegex(String metavariable, RegexPattern regex) implements Condition {}

  /** {@code metavariable-pattern:}: the formula matches inside the bound code; its bindings join the match's. */
  record MetavariablePattern(String metavariable, Formula formula) implements Condition {}

  /** {@code metavariable-comparison:}: the expression over bound values is true. */
  record MetavariableComparison(Comparison comparison) implements Condition {}

  /** {@code pattern-not-regex:}: no regex match overlaps the range. */
  record NotRegex(RegexPattern regex) implements Condition {}
}
