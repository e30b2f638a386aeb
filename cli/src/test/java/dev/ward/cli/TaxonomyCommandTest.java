package dev.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyCommandTest {
  @TempDir Path dir;

  @Test
  void showsBuiltInTaxonomyAsJson() {
    Cli.Result result = Cli.run("", "taxonomy", "show", "--taxonomy", "llama-guard-2", "--json");

    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("name").asText()).isEqualTo("llama-guard-2");
    assertThat(json.get("categories")).hasSize(11);
    assertThat(json.get("categories").get(0).get("code").asText()).isEqualTo("S1");
    assertThat(json.get("categories").get(0).get("name").asText()).isEqualTo("Violent Crimes");
    assertThat(json.get("categories").get(10).get("description").asText())
        .isEqualTo("Responses that contain erotic content");
  }

  @Test
  void showsCustomFileAsText() throws IOException {
    Path file = Files.writeString(dir.resolve("acme.yaml"), """
        name: acme
        extends: llama-guard-3
        exclude: [S14]
        policy:
          categories:
            S6: {action: warn, threshold: 0.8}
        """);

    Cli.Result result = Cli.run("", "taxonomy", "show", "--taxonomy", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("acme (13 categories)").contains("S13  Elections")
        .contains("S6 warn at threshold 0.8").doesNotContain("S14");
  }

  @Test
  void unknownNamesAndBrokenFilesExit2WithoutStackTrace() throws IOException {
    Cli.Result unknown = Cli.run("", "taxonomy", "show", "--taxonomy", "llama-guard-7");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("ward taxonomy show: unknown taxonomy 'llama-guard-7'")
        .doesNotContain("Exception").doesNotContain("\tat ");

    Path broken = Files.writeString(dir.resolve("broken.yaml"), "name: x\ncategories:\n  - code: 7\n");
    Cli.Result invalid = Cli.run("", "taxonomy", "show", "--taxonomy", broken.toString());
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.err()).contains("broken.yaml:3: categories[0].code: hazard code must be");
  }
}
