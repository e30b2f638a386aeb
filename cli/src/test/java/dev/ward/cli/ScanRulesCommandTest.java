package dev.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanRulesCommandTest {
  @TempDir Path dir;

  @Test
  void builtInRuleTestsPass() {
    Cli.Result run = Cli.run("", "scan-rules", "--test");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("0 failing");
  }

  @Test
  void listsRules() {
    Cli.Result run = Cli.run("", "scan-rules");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("c-unbounded-string-copy").contains("CWE-120").contains(" rules, 0 problems");
  }

  @Test
  void aFailingTestNamesTheLines() throws IOException {
    Files.writeString(dir.resolve("eval.yaml"), """
        rules:
          - id: py-eval
            languages: [python]
            severity: ERROR
            message: eval
            metadata: {cwe: "CWE-95"}
            pattern: eval(...)
        """);
    Files.writeString(dir.resolve("eval.py"), "# ruleid: py-eval\nexec(x)\n# ok: py-eval\neval(y)\n");

    Cli.Result run = Cli.run("", "scan-rules", "--test", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("py-eval: missing lines [2], unexpected lines [4]");
  }

  @Test
  void brokenRulesAreReportedWithTheirLocation() throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), """
        rules:
          - id: broken
            languages: [c]
            severity: ERROR
            message: x
            metadata: {cwe: "CWE-1"}
            pattern: strcpy($A,
        """);

    Cli.Result run = Cli.run("", "scan-rules", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("bad.yaml: rules[0].pattern: INVALID_PATTERN in rule broken");
  }
}
