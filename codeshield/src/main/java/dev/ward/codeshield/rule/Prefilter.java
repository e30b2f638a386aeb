package dev.ward.codeshield.rule;

import dev.ward.codeshield.regex.RegexLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a text must contain for a rule to have any chance, computed from its formula as Semgrep's
 * {@code Analyze_rule} does: a pattern needs all its identifiers, an either needs one
 * alternative's, a {@code metavariable-regex} needs one of its regex's literals, negations need
 * nothing. Checked against the set of identifier words in the text
 * before anything is parsed or matched.
 */
sealed interface Prefilter {
  /** Whether a text with these identifier words and this content may match. */
  boolean test(Set<String> words, String text);

  Prefilter ALWAYS = new Always();

  record Always() implements Prefilter {
    @Override
    public boolean test(Set<String> words, String text) {
      return true;
    }
  }

  /** Every word present, and every part passing. */
  record AllOf(List<String> words, List<Prefilter> parts) implements Prefilter {
    @Override
    public boolean test(Set<String> present, String text) {
      return present.containsAll(words) && parts.stream().allMatch(p -> p.test(present, text));
    }
  }

  record AnyOf(List<Prefilter> alternatives) implements Prefilter {
    @Override
    public boolean test(Set<String> present, String text) {
      return alternatives.stream().anyMatch(p -> p.test(present, text));
    }
  }

  /** A regex's required literal, anywhere in the text (regex literals need not be whole words). */
  record Contains(String literal) implements Prefilter {
    @Override
    public boolean test(Set<String> present, String text) {
      return text.contains(literal);
    }
  }

  static Prefilter of(Formula formula) {
    return switch (formula) {
      case Formula.Code c -> c.pattern().literals().isEmpty() ? ALWAYS : new AllOf(List.copyOf(c.pattern().literals()), List.of());
      case Formula.Regex r -> containsAnyLiteralOf(r.regex().source());
      case Formula.Either e -> any(e.alternatives());
      case Formula.All a -> {
        List<Prefilter> parts = new ArrayList<>();
        for (Formula f : a.positives()) {
          parts.add(of(f));
        }
        for (Formula f : a.insides()) {
          parts.add(of(f));
        }
        for (Condition c : a.conditions()) {
          if (c instanceof Condition.MetavariableRegex r) {
            parts.add(containsAnyLiteralOf(r.regex().source())); // the bound code is part of the text
          }
        }
        yield all(parts);
      }
      case Formula.Taint t -> all(List.of(any(t.sources()), any(t.sinks())));
    };
  }

  private static Prefilter containsAnyLiteralOf(String regex) {
    return RegexLiterals.required(regex)
        .<Prefilter>map(literals -> new AnyOf(literals.stream().<Prefilter>map(Contains::new).toList()))
        .orElse(ALWAYS);
  }

  private static Prefilter any(List<Formula> formulas) {
    List<Prefilter> alternatives = new ArrayList<>();
    for (Formula f : formulas) {
      Prefilter p = of(f);
      if (p instanceof Always) {
        return ALWAYS;
      }
      alternatives.add(p);
    }
    return alternatives.isEmpty() ? ALWAYS : new AnyOf(List.copyOf(alternatives));
  }

  private static Prefilter all(List<Prefilter> parts) {
    List<Prefilter> needed = parts.stream().filter(p -> !(p instanceof Always)).toList();
    return needed.isEmpty() ? ALWAYS : new AllOf(List.of(), needed);
  }
}
