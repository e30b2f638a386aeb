package dev.ward.codeshield.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.Severity;
import dev.ward.codeshield.lang.Language;
import org.junit.jupiter.api.Test;

/** One small broken rule file per kind of problem; problems are data and the good rules still load. */
class RuleLoaderTest {
  static final String GOOD = """
        - id: good
          languages: [python]
          severity: INFO
          message: m
          metadata: {cwe: ["CWE-78: OS Command Injection"]}
          pattern: os.system($X)
      """;

  static RuleLoader.Loaded load(String badRule) {
    return RuleLoader.load("rules:\n" + GOOD + badRule, "test.yaml");
  }

  static RuleProblem onlyProblem(String badRule) {
    RuleLoader.Loaded loaded = load(badRule);
    assertThat(loaded.rules()).extracting(r -> r.id().value()).containsExactly("good");
    assertThat(loaded.problems()).hasSize(1);
    return loaded.problems().getFirst();
  }

  @Test
  void aGoodRuleLoadsWithItsFields() {
    Rule rule = load("").rules().getFirst();

    assertThat(rule.cwe()).isEqualTo("CWE-78");
    assertThat(rule.severity()).isEqualTo(Severity.ADVICE);
    assertThat(rule.languages()).containsExactly(Language.PYTHON);
    assertThat(rule.source()).isEqualTo("test.yaml");
  }

  @Test
  void invalidYamlIsOneProblemForTheFile() {
    RuleLoader.Loaded loaded = RuleLoader.load("rules: [\n  - id: x\n", "broken.yaml");

    assertThat(loaded.rules()).isEmpty();
    assertThat(loaded.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(RuleProblem.Kind.INVALID_YAML);
      assertThat(p.location()).isEqualTo("broken.yaml");
    });
  }

  @Test
  void missingRulesList() {
    assertThat(RuleLoader.load("id: x\n", "f.yaml").problems().getFirst().message())
        .isEqualTo("a rule file is a mapping with a 'rules' list");
  }

  @Test
  void missingField() {
    RuleProblem p = onlyProblem("""
          - id: no-message
            languages: [c]
            severity: ERROR
            metadata: {cwe: "CWE-1"}
            pattern: f()
        """);
    assertThat(p.kind()).isEqualTo(RuleProblem.Kind.MISSING_FIELD);
    assertThat(p.ruleId()).isEqualTo("no-message");
    assertThat(p.location()).isEqualTo("test.yaml: rules[1]");
    assertThat(p.message()).isEqualTo("missing 'message'");
  }

  @Test
  void invalidValuesNameTheFieldAndTheValue() {
    assertThat(onlyProblem("""
          - id: bad-severity
            languages: [c]
            severity: CRITICAL
            message: m
            metadata: {cwe: "CWE-1"}
            pattern: f()
        """).message()).isEqualTo("severity must be ERROR, WARNING or ADVICE, got 'CRITICAL'");
    RuleProblem language = onlyProblem("""
          - id: bad-language
            languages: [cobol]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern: f()
        """);
    assertThat(language.location()).isEqualTo("test.yaml: rules[1].languages");
    assertThat(language.message()).startsWith("unknown language 'cobol'; known: c, cpp");
    assertThat(onlyProblem("""
          - id: bad-cwe
            languages: [c]
            severity: ERROR
            message: m
            metadata: {cwe: "buffer overflow"}
            pattern: f()
        """).message()).isEqualTo("cwe must start with CWE-<number>, got \"buffer overflow\"");
    assertThat(onlyProblem("""
          - id: Bad Id
            languages: [c]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern: f()
        """).message()).startsWith("rule id must be");
  }

  @Test
  void unknownKeysAreCaught() {
    RuleProblem p = onlyProblem("""
          - id: typo
            languages: [c]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            patterns:
              - pattern: f($X)
              - pattern-not-insde: g($X)
        """);
    assertThat(p.kind()).isEqualTo(RuleProblem.Kind.UNKNOWN_KEY);
    assertThat(p.location()).isEqualTo("test.yaml: rules[1].patterns[1].pattern-not-insde");
  }

  @Test
  void patternsThatDoNotParseNameTheLanguage() {
    RuleProblem p = onlyProblem("""
          - id: bad-pattern
            languages: [java]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern: foo(
        """);
    assertThat(p.kind()).isEqualTo(RuleProblem.Kind.INVALID_PATTERN);
    assertThat(p.location()).isEqualTo("test.yaml: rules[1].pattern");
    assertThat(p.message()).startsWith("java: pattern does not parse as java: syntax error at line 1");
  }

  @Test
  void aPatternBadInOneLanguageKeepsTheRuleForTheOthers() {
    RuleLoader.Loaded loaded = load("""
          - id: two-languages
            languages: [c, cpp]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern: std::free($X)
        """);
    assertThat(loaded.rules()).hasSize(2);
    assertThat(loaded.rules().get(1).languages()).containsExactly(Language.CPP);
    assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("c: "));
  }

  @Test
  void anAlternativeInTheSyntaxOfSomeLanguagesAppliesToThose() {
    RuleLoader.Loaded loaded = load("""
          - id: cpp-spelling
            languages: [c, cpp]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern-either:
              - pattern: $NAME = "..."
              - pattern: $T $NAME("...");
        """);
    assertThat(loaded.problems()).isEmpty();
    Rule rule = loaded.rules().get(1);
    assertThat(rule.languages()).containsExactlyInAnyOrder(Language.C, Language.CPP);
    assertThat(((Formula.Either) rule.formula(Language.C)).alternatives()).hasSize(1);
    assertThat(((Formula.Either) rule.formula(Language.CPP)).alternatives()).hasSize(2);
  }

  @Test
  void anAlternativeThatParsesInNoneOfTheRulesLanguagesIsAProblem() {
    RuleLoader.Loaded loaded = load("""
          - id: typo
            languages: [c, cpp]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern-either:
              - pattern: $NAME = "..."
              - pattern: foo(
        """);
    assertThat(loaded.rules()).extracting(r -> r.id().value()).containsExactly("good");
    assertThat(loaded.problems()).hasSize(2).allSatisfy(p -> {
      assertThat(p.kind()).isEqualTo(RuleProblem.Kind.INVALID_PATTERN);
      assertThat(p.location()).isEqualTo("test.yaml: rules[1].pattern-either[1].pattern");
    });
  }

  @Test
  void badRegexesAndComparisons() {
    assertThat(onlyProblem("""
          - id: bad-regex
            languages: [c]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern-regex: 'a(b'
        """).kind()).isEqualTo(RuleProblem.Kind.INVALID_REGEX);
    assertThat(onlyProblem("""
          - id: bad-comparison
            languages: [c]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            patterns:
              - pattern: f($X)
              - metavariable-comparison:
                  comparison: $X >
        """).message()).startsWith("comparison '$X >' at column");
  }

  @Test
  void genericRulesAcceptOnlyRegexes() {
    assertThat(onlyProblem("""
          - id: generic-code
            languages: [generic]
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern: f()
        """).message()).isEqualTo("a 'generic' rule can only use pattern-regex");
  }

  @Test
  void duplicateIds() {
    RuleLoader.Loaded loaded = load(GOOD);
    assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(RuleProblem.Kind.DUPLICATE_ID));
  }

  @Test
  void taintRulesNeedSourcesAndSinks() {
    assertThat(onlyProblem("""
          - id: taint-no-sinks
            languages: [python]
            mode: taint
            severity: ERROR
            message: m
            metadata: {cwe: "CWE-1"}
            pattern-sources:
              - pattern: input()
        """).message()).isEqualTo("expected a non-empty list of patterns");
  }
}
