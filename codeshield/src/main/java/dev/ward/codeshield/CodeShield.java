package dev.ward.codeshield;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.rule.RuleSet;

/**
 * Finds insecure code before a user runs it. Thread-safe: grammars and compiled rules load once,
 * in {@link Builder#build()}, and scans share them.
 *
 * {@snippet :
 * CodeShield shield = CodeShield.create();
 * ScanResult result = shield.scanMarkdown(answer);
 * if (result.treatment() == Treatment.BLOCK) {
 *   // refuse the answer
 * }
 * }
 */
public interface CodeShield {
  /** A scanner with the built-in rules, default limits and Code Shield's treatment policy. */
  static CodeShield create() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Scans source code in a known language. */
  ScanResult scan(String code, Language language);

  /** Scans source code; {@code language} is an id or alias ({@code c++}, {@code py}...). */
  default ScanResult scan(String code, String language) {
    return scan(code, Language.of(language));
  }

  /** Scans code whose language is not known: it is detected from the text. */
  ScanResult scanDetected(String code);

  /**
   * Scans an LLM answer in Markdown: every fenced block, in the language its fence names or else
   * the one detected; findings carry the answer's line numbers. Without fences, the whole answer
   * is scanned if it looks like code.
   */
  ScanResult scanMarkdown(String answer);

  /** The rules in use, with any problems found loading them. */
  RuleSet rules();

  /** Configures a {@link CodeShield}. */
  final class Builder {
    private RuleSet rules;
    private Limits limits = Limits.DEFAULT;
    private TreatmentPolicy policy = TreatmentPolicy.DEFAULT;

    Builder() {}

    /** Use these rules instead of the built-in ones (combine with {@link RuleSet#plus}). */
    public Builder rules(RuleSet rules) {
      if (rules == null) {
        throw new IllegalArgumentException("rules must not be null");
      }
      this.rules = rules;
      return this;
    }

    public Builder limits(Limits limits) {
      if (limits == null) {
        throw new IllegalArgumentException("limits must not be null");
      }
      this.limits = limits;
      return this;
    }

    public Builder treatmentPolicy(TreatmentPolicy policy) {
      if (policy == null) {
        throw new IllegalArgumentException("treatment policy must not be null");
      }
      this.policy = policy;
      return this;
    }

    public CodeShield build() {
      return new Scanner(rules == null ? RuleSet.builtIn() : rules, limits, policy);
    }
  }
}
