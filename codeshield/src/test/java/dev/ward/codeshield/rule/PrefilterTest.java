package dev.ward.codeshield.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.lang.Language;
import org.junit.jupiter.api.Test;

/** Which texts skip a rule before parsing: only those the rule cannot match. */
class PrefilterTest {
  static RuleSet rule(String formulaYaml) {
    return RuleSet.of("""
        rules:
          - id: under-test
            languages: [python]
            severity: WARNING
            message: m
            metadata: {cwe: "CWE-1"}
        %s
        """.formatted(formulaYaml.indent(4).stripTrailing()), "test.yaml");
  }

  @Test
  void aMetavariableRegexNeedsOneOfItsLiterals() {
    RuleSet rules = rule("""
        patterns:
          - pattern: $F($X)
          - metavariable-regex:
              metavariable: $F
              regex: '^(hashlib\\.md5|hashlib\\.sha1)$'
        """);

    assertThat(rules.candidates(Language.PYTHON, "h = hashlib.sha1(data)\n")).hasSize(1);
    assertThat(rules.candidates(Language.PYTHON, "h = hashlib.sha256(data)\n")).isEmpty();
  }

  @Test
  void aCaseInsensitiveRegexNeedsOneOfItsLiteralsInAnyCase() {
    RuleSet rules = rule("""
        patterns:
          - pattern: $NAME = "..."
          - metavariable-regex:
              metavariable: $NAME
              regex: '(?i)^\\w*(passw(or)?d|secret)\\w*$'
        """);

    assertThat(rules.candidates(Language.PYTHON, "DB_PASSWORD = 'x'\n")).hasSize(1);
    assertThat(rules.candidates(Language.PYTHON, "db_pa\u017f\u017fword = 'x'\n")).as("long s folds to s").hasSize(1);
    assertThat(rules.candidates(Language.PYTHON, "name = 'x'\n")).isEmpty();
  }

  @Test
  void aRegexWithoutProvableLiteralsAlwaysRuns() {
    RuleSet rules = rule("""
        patterns:
          - pattern: $F($X)
          - metavariable-regex:
              metavariable: $F
              regex: '(?i)^[a-z]+$'
        """);

    assertThat(rules.candidates(Language.PYTHON, "print(x)\n")).hasSize(1);
  }
}
