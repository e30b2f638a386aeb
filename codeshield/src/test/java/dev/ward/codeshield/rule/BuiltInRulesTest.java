package dev.ward.codeshield.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every built-in rule's annotated test file, and checks that every rule has one. */
class BuiltInRulesTest {
  static final Set<String> KNOWN_IDS = RuleSet.builtIn().rules().stream().map(r -> r.id().value())
      .collect(Collectors.toSet());

  static Path rulesRoot() {
    try {
      return Path.of(BuiltInRulesTest.class.getClassLoader().getResource(RuleSet.BUILT_IN_ROOT).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<RuleTests.Case> cases() throws IOException {
    return RuleTests.discover(rulesRoot()).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void annotatedTestFilePasses(RuleTests.Case c) throws IOException {
    List<RuleTests.Result> results = RuleTests.run(c);

    assertThat(results).as("rules of %s for %s", c.ruleFile().getFileName(), c.language()).isNotEmpty();
    assertThat(results).allSatisfy(r -> assertThat(r.passed()).as("%s in %s", r, c.testFile().getFileName()).isTrue());
    assertThat(results).allSatisfy(r -> assertThat(r.nested())
        .as("lines of %s where a finding of %s lies inside another (a clause matching sub-expressions)",
            c.testFile().getFileName(), r.ruleId())
        .isEmpty());
    assertThat(KNOWN_IDS).as("rule ids annotated in %s", c.testFile().getFileName())
        .containsAll(RuleTests.annotatedIds(Files.readString(c.testFile()), c.language()));
    Set<String> inThisFile = results.stream().map(RuleTests.Result::ruleId).collect(Collectors.toSet());
    assertThat(results).as("rules of %s with a ruleid: line in %s", c.ruleFile().getFileName(), c.testFile().getFileName())
        .anyMatch(r -> !r.expected().isEmpty() && inThisFile.contains(r.ruleId()));
  }

  @Test
  void builtInRulesLoadWithoutProblems() {
    RuleSet rules = RuleSet.builtIn();

    assertThat(rules.problems()).isEmpty();
    assertThat(rules.rules()).hasSizeGreaterThan(20);
  }

  @Test
  void everyRuleIsExercisedByALineItMustReportInEachOfItsLanguages() throws IOException {
    List<RuleTests.Case> cases = RuleTests.discover(rulesRoot());
    List<String> missing = new java.util.ArrayList<>();
    for (Rule rule : RuleSet.builtIn().rules()) {
      List<RuleTests.Case> mine = cases.stream()
          .filter(c -> c.ruleFile().getFileName().toString().equals(Path.of(rule.source()).getFileName().toString()))
          .toList();
      assertThat(mine).as("test files for %s (%s)", rule.id(), rule.source()).isNotEmpty();
      // A generic rule needs a ruleid: line in some language; any other rule, in each of its own.
      Map<dev.ward.codeshield.lang.Language, Integer> expected = new java.util.HashMap<>();
      for (RuleTests.Case c : mine) {
        expected.merge(c.language(), RuleTests.expectedLines(Files.readString(c.testFile()), c.language(),
            rule.id().value()).size(), Integer::sum);
      }
      if (rule.generic()) {
        if (expected.values().stream().allMatch(n -> n == 0)) {
          missing.add(rule.id() + " in any language");
        }
        continue;
      }
      for (var language : rule.languages()) {
        if (expected.getOrDefault(language, 0) == 0) {
          missing.add(rule.id() + " in " + language);
        }
      }
    }
    assertThat(missing).as("rules without a ruleid: line in a test file of each of their languages").isEmpty();
  }
}
