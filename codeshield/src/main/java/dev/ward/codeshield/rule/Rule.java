package dev.ward.codeshield.rule;

import dev.ward.codeshield.Severity;
import dev.ward.codeshield.lang.Language;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded rule: what it reports (id, CWE, severity, message) and, per language, its compiled
 * formula with the prefilter derived from it. Immutable and thread-safe.
 */
public final class Rule {
  private final RuleId id;
  private final String cwe;
  private final Severity severity;
  private final String message;
  private final String source;
  private final Map<Language, Formula> formulas;
  private final Map<Language, Prefilter> prefilters;

  Rule(RuleId id, String cwe, Severity severity, String message, String source, Map<Language, Formula> formulas) {
    if (!cwe.matches("CWE-[0-9]+")) {
      throw new IllegalArgumentException("rule " + id + ": cwe must look like CWE-123, got '" + cwe + "'");
    }
    this.id = id;
    this.cwe = cwe;
    this.severity = severity;
    this.message = message;
    this.source = source;
    this.formulas = new EnumMap<>(formulas);
    this.prefilters = new EnumMap<>(Language.class);
    formulas.forEach((language, formula) -> prefilters.put(language, Prefilter.of(formula)));
  }

  public RuleId id() {
    return id;
  }

  public String cwe() {
    return cwe;
  }

  public Severity severity() {
    return severity;
  }

  public String message() {
    return message;
  }

  /** Where the rule was loaded from: a resource or file name. */
  public String source() {
    return source;
  }

  /** The languages the rule compiled for. */
  public Set<Language> languages() {
    return formulas.keySet();
  }

  /** Whether the rule is generic: written once, as regexes, for every language. */
  public boolean generic() {
    return formulas.size() == Language.values().length;
  }

  Formula formula(Language language) {
    return formulas.get(language);
  }

  /** Whether the rule needs some word or literal in a text to match it in {@code language}. */
  boolean selective(Language language) {
    Prefilter p = prefilters.get(language);
    return p != null && !(p instanceof Prefilter.Always);
  }

  boolean mayMatch(Language language, Prefilter.Text text) {
    Prefilter p = prefilters.get(language);
    return p != null && p.test(text);
  }

  @Override
  public String toString() {
    return "Rule[" + id + " " + cwe + " " + severity + " " + List.copyOf(formulas.keySet()) + "]";
  }
}
