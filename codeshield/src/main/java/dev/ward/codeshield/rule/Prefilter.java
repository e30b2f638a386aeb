package dev.ward.codeshield.rule;

import dev.ward.codeshield.regex.RegexLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a text must contain for a rule to have any chance, computed from its formula as Semgrep's
 * {@code Analyze_rule} does: a pattern needs all its identifiers, an either needs one
 * alternative's, a {@code metavariable-regex} or {@code pattern-regex} needs one of its regex's
 * literals (in any case if the regex starts with {@code (?i)}), negations need nothing. Checked
 * against the text and its identifier words before anything is parsed or matched.
 */
sealed interface Prefilter {
  /** Whether a text may match. */
  boolean test(Text text);

  /**
   * A text as prefilters read it: its identifier words, and its characters folded to lower case
   * the way a {@code (?i)} regex folds them onto ASCII letters (the long s is an s; the Kelvin
   * sign lower-cases to k by itself).
   */
  record Text(String text, Set<String> words, String folded) {
    static Text of(String text) {
      return new Text(text, Words.of(text), text.toLowerCase(Locale.ROOT).replace('\u017f', 's'));
    }
  }

  Prefilter ALWAYS = new Always();

  record Always() implements Prefilter {
    @Override
    public boolean test(Text text) {
      return true;
    }
  }

  /** Every word present, and every part passing. */
  record AllOf(List<String> words, List<Prefilter> parts) implements Prefilter {
    @Override
    public boolean test(Text text) {
      return text.words().containsAll(words) && parts.stream().allMatch(p -> p.test(text));
    }
  }

  record AnyOf(List<Prefilter> alternatives) implements Prefilter {
    @Override
    public boolean test(Text text) {
      return alternatives.stream().anyMatch(p -> p.test(text));
    }
  }

  /** A regex's required literal, anywhere in the text (regex literals need not be whole words). */
  record Contains(String literal) implements Prefilter {
    @Override
    public boolean test(Text text) {
      return text.text().contains(literal);
    }
  }

  /** A case-insensitive regex's required literal, in lower case: anywhere in the folded text. */
  record ContainsFolded(String literal) implements Prefilter {
    @Override
    public boolean test(Text text) {
      return text.folded().contains(literal);
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
        .or(() -> RegexLiterals.requiredIgnoringCase(regex)
            .map(literals -> new AnyOf(literals.stream().<Prefilter>map(ContainsFolded::new).toList())))
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
