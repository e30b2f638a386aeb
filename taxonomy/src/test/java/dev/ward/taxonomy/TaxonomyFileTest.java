package dev.ward.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyFileTest {
  @TempDir Path dir;

  @Test
  void ownCategoriesFromYaml() throws IOException {
    Taxonomy taxonomy = Taxonomies.load(write("own.yaml", """
        name: support-bot
        categories:
          - code: O1
            name: Refunds
            description: Promises of refunds the bot cannot make.
          - code: O2
            name: Competitors
        """));

    assertThat(taxonomy.name()).isEqualTo("support-bot");
    assertThat(taxonomy.categories()).containsExactly(
        new HazardCategory("O1", "Refunds", "Promises of refunds the bot cannot make."),
        new HazardCategory("O2", "Competitors", ""));
    assertThat(taxonomy.policy()).isEqualTo(Policy.BLOCK_ALL);
  }

  @Test
  void extendingABuiltInExcludesRedescribesAndAdds() throws IOException {
    Taxonomy taxonomy = Taxonomies.load(write("ext.yml", """
        name: acme
        extends: llama-guard-3
        exclude: [S13, S14]
        categories:
          - code: S6
            description: Any financial advice.
          - code: S15
            name: Competitors
            description: Talk about competitors.
        """));

    assertThat(taxonomy.name()).isEqualTo("acme");
    assertThat(taxonomy.categories()).hasSize(13);
    assertThat(taxonomy.category(HazardCode.of("S6")).orElseThrow())
        .isEqualTo(new HazardCategory("S6", "Specialized Advice", "Any financial advice."));
    assertThat(taxonomy.categories().getLast().name()).isEqualTo("Competitors");
    assertThat(taxonomy.contains(HazardCode.of("S13"))).isFalse();
  }

  @Test
  void policySection() throws IOException {
    Taxonomy taxonomy = Taxonomies.load(write("policy.yaml", """
        extends: llama-guard-2
        policy:
          default: warn
          categories:
            S6: {action: log, threshold: 0.8}
            S1: block
        """));

    Policy policy = taxonomy.policy();
    assertThat(taxonomy.name()).isEqualTo("llama-guard-2");
    assertThat(policy.fallback()).isEqualTo(CategoryPolicy.of(Action.WARN));
    assertThat(policy.forCategory(HazardCode.of("S6"))).isEqualTo(CategoryPolicy.of(Action.LOG, 0.8));
    assertThat(policy.forCategory(HazardCode.of("S1"))).isEqualTo(CategoryPolicy.of(Action.BLOCK));
    assertThat(policy.forCategory(HazardCode.of("S2"))).isEqualTo(CategoryPolicy.of(Action.WARN));
  }

  @Test
  void jsonFilesToo() throws IOException {
    Taxonomy taxonomy = Taxonomies.load(write("t.json", """
        {"name": "j", "categories": [{"code": "S1", "name": "One"}]}
        """));

    assertThat(taxonomy.categories()).extracting(HazardCategory::name).containsExactly("One");
  }

  @Test
  void duplicateCodeNamesFileLineAndField() throws IOException {
    TaxonomyException e = failure("dup.yaml", """
        name: dup
        categories:
          - code: S1
            name: A
          - code: S1
            name: B
        """);

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("categories[1].code");
    assertThat(e.getMessage()).startsWith(dir.resolve("dup.yaml") + ":5: categories[1].code: ")
        .contains("S1 is listed twice");
  }

  @Test
  void unknownFieldIsNamedWithItsLine() throws IOException {
    TaxonomyException e = failure("typo.yaml", """
        name: typo
        categories:
          - code: S1
            nmae: A
        """);

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).contains("unknown field 'nmae'");
  }

  @Test
  void badCodeAndMissingName() throws IOException {
    assertThat(failure("code.yaml", """
        name: c
        categories:
          - code: violence
            name: A
        """)).hasMessageContaining(":3: categories[0].code: hazard code must be");
    assertThat(failure("noname.yaml", """
        name: c
        categories:
          - code: S1
        """)).hasMessageContaining(":3: categories[0]: category S1 needs a name");
  }

  @Test
  void excludingACodeTheBaseLacks() throws IOException {
    TaxonomyException e = failure("ex.yaml", """
        extends: llama-guard-2
        exclude:
          - S1
          - S12
        """);

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.field()).isEqualTo("exclude[1]");
    assertThat(e).hasMessageContaining("'llama-guard-2' has no category S12");
  }

  @Test
  void unknownBaseAndBadPolicy() throws IOException {
    assertThat(failure("base.yaml", "extends: llama-guard-7\n"))
        .hasMessageContaining(":1: extends: unknown taxonomy 'llama-guard-7'");
    assertThat(failure("act.yaml", """
        extends: llama-guard-2
        policy:
          categories:
            S3: {action: shout}
        """)).hasMessageContaining(":4: policy.categories.S3: unknown action 'shout'");
    assertThat(failure("thr.yaml", """
        extends: llama-guard-2
        policy:
          default: {action: block, threshold: 1.5}
        """)).hasMessageContaining("policy.default: threshold must be within [0, 1]");
    assertThat(failure("pol.yaml", """
        extends: llama-guard-2
        policy:
          categories:
            S14: warn
        """)).hasMessageContaining("taxonomy 'llama-guard-2' has no category S14");
  }

  @Test
  void syntaxErrorsAndWrongTypes() throws IOException {
    assertThat(failure("bad.yaml", "name: [unclosed\n"))
        .hasMessageContaining("not valid YAML");
    assertThat(failure("bad.json", "{\"name\": \"x\",\n \"categories\": [}"))
        .hasMessageContaining("bad.json:2:").hasMessageContaining("not valid JSON");
    assertThat(failure("type.yaml", """
        name: t
        categories: S1
        """)).hasMessageContaining(":2: categories: ");
    assertThat(failure("empty.yaml", "")).hasMessageContaining("file is empty");
  }

  @Test
  void missingFile() {
    TaxonomyException e = catchThrowableOfType(TaxonomyException.class,
        () -> Taxonomies.load(dir.resolve("absent.yaml")));

    assertThat(e).hasMessageEndingWith("absent.yaml: no such file");
  }

  private TaxonomyException failure(String name, String content) throws IOException {
    Path file = write(name, content);
    return catchThrowableOfType(TaxonomyException.class, () -> Taxonomies.load(file));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
