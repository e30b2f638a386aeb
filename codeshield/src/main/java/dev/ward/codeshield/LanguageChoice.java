package dev.ward.codeshield;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.lang.LanguageDetector;
import dev.ward.codeshield.rule.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which languages a block of an answer is scanned as. The fence tag is a hint, not the truth: an
 * answer's author (or a prompt injection) can put Python under {@code text}, {@code sh} or
 * {@code javascript}, or under no tag at all; the content decides.
 *
 * <ul>
 *   <li>A tag Code Shield covers is scanned as tagged, and also as each other language the
 *       content's signals find plausible whose rules have reason to run on the block (it has the
 *       words they need), however well the tagged language scores: a line of the tagged language
 *       on top of a program in another does not hide that program.
 *   <li>Without a tag, or with one Code Shield does not cover ({@code text}, {@code sh},
 *       {@code console}, {@code cobol}...): as every language the content's signals name, and
 *       every language whose rules have reason to run on it.
 *   <li>Generic rules (regexes, for secrets) run on every block. One in no language Code Shield
 *       covers is scanned for them as if it were Python: {@code #} starts a comment there, as in
 *       shell, YAML, TOML and INI.
 * </ul>
 *
 * Reading the content's signals costs tens of µs per KB; a tagged block pays it only when the
 * rules of another language have reason to run on it. The scanner reports a place and CWE found
 * in two languages once.
 */
final class LanguageChoice {
  /** Languages at most taken from the content's signals. */
  static final int MAX_DETECTED = 3;
  /** Pairs whose code is often tagged as the other: no second scan for the sibling. */
  private static final List<Set<Language>> SIBLINGS = List.of(Set.of(Language.C, Language.CPP),
      Set.of(Language.JAVASCRIPT, Language.TYPESCRIPT));

  /**
   * @param languages what to scan the text as, best first; empty when no rule could match it
   * @param genericOnly whether no language the text could be in was found, and it is scanned only
   *     for the generic rules
   */
  record Choice(List<Language> languages, boolean genericOnly) {
    static final Choice NONE = new Choice(List.of(), false);
  }

  private LanguageChoice() {}

  static Choice forBlock(String tag, String code, RuleSet rules, Runnable checkpoint) {
    Optional<Language> tagged = Language.find(tag);
    if (tagged.isEmpty()) {
      return forUnknown(code, rules.languagesThatMayMatch(code), rules, checkpoint);
    }
    Language language = tagged.get();
    Set<Language> others = new LinkedHashSet<>(rules.languagesThatMayMatch(code));
    others.removeIf(other -> other == language || siblings(language, other));
    if (others.isEmpty()) {
      return new Choice(List.of(language), false);
    }
    List<Language> chosen = new ArrayList<>(List.of(language));
    for (Language other : LanguageDetector.plausible(code, others, checkpoint)) {
      if (chosen.size() <= MAX_DETECTED) {
        chosen.add(other);
      }
    }
    return new Choice(List.copyOf(chosen), false);
  }

  /** Code of no known language: what its signals name, and what has reason to run on it. */
  static Choice forCode(String code, RuleSet rules, Runnable checkpoint) {
    return forUnknown(code, rules.languagesThatMayMatch(code), rules, checkpoint);
  }

  /** An answer without fences: only what its signals name (prose is not code). */
  static Choice forProse(String answer, Runnable checkpoint) {
    return new Choice(detected(answer, checkpoint), false);
  }

  private static Choice forUnknown(String code, Set<Language> couldMatch, RuleSet rules, Runnable checkpoint) {
    boolean generic = rules.genericMayMatch(code);
    if (couldMatch.isEmpty() && !generic) {
      return Choice.NONE;
    }
    Set<Language> chosen = new LinkedHashSet<>(detected(code, checkpoint));
    chosen.addAll(couldMatch);
    if (chosen.isEmpty()) {
      return new Choice(List.of(Language.PYTHON), true);
    }
    return new Choice(List.copyOf(chosen), false);
  }

  private static List<Language> detected(String code, Runnable checkpoint) {
    List<Language> ranked = LanguageDetector.ranked(code, checkpoint);
    return new ArrayList<>(ranked.subList(0, Math.min(MAX_DETECTED, ranked.size())));
  }

  private static boolean siblings(Language a, Language b) {
    return SIBLINGS.stream().anyMatch(pair -> pair.contains(a) && pair.contains(b));
  }
}
