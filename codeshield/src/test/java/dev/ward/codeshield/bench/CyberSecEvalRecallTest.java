package dev.ward.codeshield.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.rule.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measurement harness on the shared CyberSecEval sample: prints the recall table and the
 * ok-line cleanliness, and fails if they fall below the levels reached so far (a regression
 * guard, not the targets). Skips when the shared datasets are not there.
 */
class CyberSecEvalRecallTest {
  /** Floors for regressions, the levels reached so far; raise them as rules improve. */
  static final double MIN_OVERALL_RECALL = 0.959;
  static final Map<String, Double> MIN_LANGUAGE_RECALL = Map.of("c", 0.909, "cpp", 0.945, "csharp", 1.0, "java", 0.969,
      "javascript", 0.972, "php", 1.0, "python", 0.94, "rust", 0.965);
  static final double MIN_OK_CLEAN = 1.0;

  static CodeShield shield;

  @BeforeAll
  static void load() {
    shield = CodeShield.create();
  }

  static Path dataset(String relative) {
    String shared = System.getProperty("ward.shared");
    Path file = shared == null ? null : Path.of(shared, "datasets", "cyberseceval", relative);
    Assumptions.assumeTrue(file != null && Files.isRegularFile(file),
        "skipped: CyberSecEval dataset not found at " + file + " (set -Dward.shared to the shared folder)");
    return file;
  }

  @Test
  void instructRecall() throws IOException {
    check("instruct", CyberSecEvalDataset.read(dataset("instruct/instruct.json")));
  }

  @Test
  void autocompleteRecall() throws IOException {
    check("autocomplete", CyberSecEvalDataset.read(dataset("autocomplete/autocomplete.json")));
  }

  private static void check(String name, List<Sample> samples) {
    RecallEvaluation.Report report = RecallEvaluation.run(shield, samples);
    System.out.println("CyberSecEval " + name + " exact-CWE recall\n" + report.table());

    assertThat(report.overall().recall()).as("overall recall on " + name).isGreaterThanOrEqualTo(MIN_OVERALL_RECALL);
    assertThat(report.rows()).allSatisfy(row -> assertThat(row.recall()).as(row.language() + " recall on " + name)
        .isGreaterThanOrEqualTo(MIN_LANGUAGE_RECALL.getOrDefault(row.language(), 0.0)));
  }

  @Test
  void okLinesAreClean() throws IOException {
    OkLineCleanliness.Result result = OkLineCleanliness.measure(shield, RuleSet.builtInRoot());
    System.out.printf("ok: lines clean of every rule: %d/%d = %.3f%n", result.clean(), result.okLines(), result.rate());
    result.dirty().forEach(d -> System.out.println("  flagged ok: line " + d));

    assertThat(result.okLines()).isGreaterThan(50);
    assertThat(result.rate()).isGreaterThanOrEqualTo(MIN_OK_CLEAN);
  }
}
