package dev.ward.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.codeshield.Treatment;
import dev.ward.taxonomy.Action;
import dev.ward.taxonomy.CategoryPolicy;
import dev.ward.taxonomy.ConfigException;
import dev.ward.taxonomy.HazardCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardrailPolicyTest {
  @TempDir Path dir;

  @Test
  void defaultsFailClosedExceptIncompleteScansWhichWarn() {
    GuardrailPolicy policy = GuardrailPolicy.DEFAULT;

    assertThat(policy.threshold()).isEqualTo(0.5);
    assertThat(policy.failures()).containsEntry(Failure.Kind.TIMEOUT, Action.BLOCK)
        .containsEntry(Failure.Kind.MALFORMED, Action.BLOCK)
        .containsEntry(Failure.Kind.INCOMPLETE_SCAN, Action.WARN);
    assertThat(policy.codeShield()).containsEntry(Treatment.BLOCK, Action.BLOCK)
        .containsEntry(Treatment.IGNORE, Action.ALLOW);
    assertThat(policy.categories()).isEmpty();
  }

  @Test
  void aFailureIsNeverSilentlyAllowed() {
    assertThatThrownBy(() -> GuardrailPolicy.builder().onFailure(Action.ALLOW).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never silently allowed");
  }

  @Test
  void readsAPolicyFile() throws IOException {
    GuardrailPolicy policy = GuardrailPolicy.load(write("policy.yaml", """
        taxonomy: llama-guard-3
        threshold: 0.4
        default: warn
        categories:
          S1: {action: block, threshold: 0.8}
          S6: log
        codeshield: {block: warn}
        on_failure: warn
        failures: {timeout: log}
        checks: {input: false}
        """));

    assertThat(policy.taxonomy()).get().extracting(t -> t.name()).isEqualTo("llama-guard-3");
    assertThat(policy.threshold()).isEqualTo(0.4);
    assertThat(policy.categories().orElseThrow().fallback()).isEqualTo(CategoryPolicy.of(Action.WARN));
    assertThat(policy.categories().orElseThrow().forCategory(HazardCode.of("S1")))
        .isEqualTo(CategoryPolicy.of(Action.BLOCK, 0.8));
    assertThat(policy.categories().orElseThrow().forCategory(HazardCode.of("S6")))
        .isEqualTo(CategoryPolicy.of(Action.LOG));
    assertThat(policy.codeShield()).containsEntry(Treatment.BLOCK, Action.WARN);
    assertThat(policy.failures()).containsEntry(Failure.Kind.TIMEOUT, Action.LOG)
        .containsEntry(Failure.Kind.UNAVAILABLE, Action.WARN);
    assertThat(policy.checks()).isEqualTo(new GuardrailPolicy.Checks(false, true, true));
  }

  @Test
  void aTaxonomyFileIsResolvedBesideThePolicyAndItsPolicyApplies() throws IOException {
    write("acme.yaml", """
        extends: llama-guard-2
        exclude: [S11]
        policy:
          default: log
        """);
    GuardrailPolicy policy = GuardrailPolicy.load(write("policy.yaml", "taxonomy: acme.yaml\n"));

    assertThat(policy.taxonomy().orElseThrow().categories()).hasSize(10);
    assertThat(policy.categoryRules(policy.taxonomy().orElseThrow()).fallback())
        .isEqualTo(CategoryPolicy.of(Action.LOG));
  }

  @Test
  void problemsNameTheFileLineAndField() throws IOException {
    assertProblem("threshold: 0.5\ncategories:\n  S1: {action: deny}\n",
        "policy.yaml:3: categories.S1.action: unknown action 'deny'");
    assertProblem("on_failure: allow\n",
        "policy.yaml:1: on_failure: a failed check is never silently allowed");
    assertProblem("threshold: 2\n", "policy.yaml:1: threshold: must be within [0, 1]; got 2.0");
    assertProblem("taxonomy: llama-guard-3\ncategories:\n  S20: block\n",
        "policy.yaml:3: categories.S20: taxonomy 'llama-guard-3' has no category S20");
    assertProblem("failures: {late: warn}\n", "policy.yaml:1: failures.late: unknown failure kind 'late'");
    assertProblem("codeshield: {block: warn, worry: log}\n",
        "policy.yaml:1: codeshield.worry: unknown Code Shield treatment 'worry'");
    assertProblem("thresold: 0.5\n", "policy.yaml:1: thresold: unknown field 'thresold'");
    assertProblem("taxonomy: missing.yaml\n", "policy.yaml:1: taxonomy: ");
    assertProblem("categories: [\n", "policy.yaml:");
  }

  private void assertProblem(String yaml, String message) throws IOException {
    Path file = write("policy.yaml", yaml);
    assertThatThrownBy(() -> GuardrailPolicy.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(dir.resolve("policy.yaml") + ":")
        .satisfies(e -> assertThat(e.getMessage().replace(dir + "/", "")).startsWith(message));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
