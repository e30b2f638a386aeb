package dev.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  @TempDir Path dir;

  static final String VULNERABLE_C = """
      #include <string.h>
      void f(char *buf,
             const char *s) {
          strcpy(buf, s);
      }
      """;

  Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void reportsFindingsAsTextAndExitsOne() throws IOException {
    Path file = write("copy.c", VULNERABLE_C);

    Cli.Result run = Cli.run("", "scan", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(file + ":4:5: WARNING c-unbounded-string-copy (CWE-120) strcpy copies")
        .contains("    strcpy(buf, s);")
        .contains("treatment WARN");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void cleanCodeExitsZero() throws IOException {
    Path file = write("ok.py", "def add(a, b):\n    return a + b\n");

    Cli.Result run = Cli.run("", "scan", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("0 findings").contains("treatment IGNORE");
  }

  @Test
  void failOnSetsTheThreshold() throws IOException {
    Path file = write("copy.c", VULNERABLE_C);

    assertThat(Cli.run("", "scan", "--fail-on", "ERROR", file.toString()).exitCode()).isZero();
    assertThat(Cli.run("", "scan", "--fail-on", "warning", file.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void aFolderWithNothingToScanIsNotClean() throws IOException {
    write("docs/notes.txt", "os.system(input())\n");

    Cli.Result run = Cli.run("", "scan", dir.resolve("docs").toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("no file to scan");
  }

  @Test
  void aPolicyDecidesTheActionAndTheExitCode() throws IOException {
    Path file = write("copy.c", VULNERABLE_C);
    Path strict = write("strict.yaml", "codeshield: {warn: block}\n");
    Path lenient = write("lenient.yaml", "codeshield: {warn: log}\n");

    Cli.Result blocked = Cli.run("", "scan", "--policy", strict.toString(), file.toString());
    Cli.Result logged = Cli.run("", "scan", "--policy", lenient.toString(), "--format", "json",
        file.toString());

    assertThat(blocked.exitCode()).isEqualTo(1);
    assertThat(blocked.out()).contains(file + ": block: insecure code: CWE-120 c-unbounded-string-copy at line 4")
        .contains("policy action: block");
    assertThat(logged.exitCode()).isZero();
    JsonNode json = Json.MAPPER.readTree(logged.out());
    assertThat(json.get("action").asText()).isEqualTo("log");
    assertThat(json.get("files").get(0).get("action").asText()).isEqualTo("log");
    assertThat(json.get("files").get(0).get("issues")).hasSize(1);
  }

  @Test
  void underAPolicyAnUnscannedInputIsAFailureNeverClean() throws IOException {
    Path huge = write("huge.py", "x = 1\n".repeat(1_000_000));
    Path closed = write("closed.yaml", "failures: {incomplete_scan: block}\n");

    Cli.Result run = Cli.run("", "scan", "--policy", closed.toString(), huge.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("block: codeshield incomplete_scan").contains("policy action: block");
  }

  @Test
  void aBadPolicyOrATwoWayExitIsAUsageError() throws IOException {
    Path file = write("ok.py", "x = 1\n");
    Path bad = write("bad.yaml", "codeshield: {warn: explode}\n");
    Path good = write("good.yaml", "{}\n");

    Cli.Result badRun = Cli.run("", "scan", "--policy", bad.toString(), file.toString());
    Cli.Result both = Cli.run("", "scan", "--policy", good.toString(), "--fail-on", "ERROR",
        file.toString());

    assertThat(badRun.exitCode()).isEqualTo(2);
    assertThat(badRun.err()).contains("bad.yaml").doesNotContain("Exception");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--fail-on and --policy");
  }

  @Test
  void jsonHasTheFindingFields() throws IOException {
    Path file = write("copy.c", VULNERABLE_C);

    Cli.Result run = Cli.run("", "scan", "--format", "json", file.toString());

    JsonNode json = Json.MAPPER.readTree(run.out());
    JsonNode issue = json.path("files").path(0).path("issues").path(0);
    assertThat(json.path("treatment").asText()).isEqualTo("WARN");
    assertThat(issue.path("rule_id").asText()).isEqualTo("c-unbounded-string-copy");
    assertThat(issue.path("cwe").asText()).isEqualTo("CWE-120");
    assertThat(issue.path("severity").asText()).isEqualTo("WARNING");
    assertThat(issue.path("language").asText()).isEqualTo("c");
    assertThat(issue.path("line").asInt()).isEqualTo(4);
    assertThat(issue.path("column").asInt()).isEqualTo(5);
    assertThat(issue.path("end_line").asInt()).isEqualTo(4);
    assertThat(issue.path("snippet").asText()).isEqualTo("strcpy(buf, s);");
  }

  @Test
  void sarifIsVersion210WithRulesAndLocations() throws IOException {
    Path file = write("copy.c", VULNERABLE_C);

    Cli.Result run = Cli.run("", "scan", "--format", "sarif", file.toString());

    JsonNode sarif = Json.MAPPER.readTree(run.out());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    JsonNode runNode = sarif.path("runs").path(0);
    assertThat(runNode.path("tool").path("driver").path("rules").path(0).path("id").asText())
        .isEqualTo("c-unbounded-string-copy");
    JsonNode result = runNode.path("results").path(0);
    assertThat(result.path("level").asText()).isEqualTo("warning");
    JsonNode region = result.path("locations").path(0).path("physicalLocation").path("region");
    assertThat(region.path("startLine").asInt()).isEqualTo(4);
    assertThat(region.path("startColumn").asInt()).isEqualTo(5);
  }

  @Test
  void markdownFromStdinMapsLinesToTheAnswer() {
    String answer = "Sure! Here it is:\n\n```python\nimport os\nos.system(cmd)\n```\n";

    Cli.Result run = Cli.run(answer, "scan", "--markdown", "--format", "json", "-");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"rule_id\" : \"python-os-command\"").contains("\"line\" : 5");
  }

  @Test
  void foldersAreScannedByExtension() throws IOException {
    write("src/a.c", VULNERABLE_C);
    write("src/b.py", "import pickle\npickle.loads(data)\n");
    write("src/notes.txt", "strcpy(buf, s);");
    write("src/.git/hook.c", VULNERABLE_C);

    Cli.Result run = Cli.run("", "scan", dir.resolve("src").toString());

    assertThat(run.out()).contains("a.c:4:5").contains("b.py:2:1").doesNotContain("notes.txt").doesNotContain("hook.c")
        .contains("in 2 inputs");
  }

  @Test
  void jsonlBatchAnswersEachLineAndReportsBadLines() throws IOException {
    String stdin = """
        {"id": 1, "language": "c", "code": "void f(char *b, char *s){ strcpy(b, s); }"}
        {"id": "two", "language": "python", "code": "print('hi')"}
        not json
        {"id": 4, "language": "cobol", "code": "x"}
        {"id": 5, "language": "markdown", "code": "```js\\neval(input)\\n```"}
        """;

    Cli.Result run = Cli.run(stdin, "scan", "--jsonl");

    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(5);
    JsonNode first = Json.MAPPER.readTree(lines.get(0));
    assertThat(first.path("id").asInt()).isEqualTo(1);
    assertThat(first.path("treatment").asText()).isEqualTo("WARN");
    assertThat(first.path("complete").asBoolean()).isTrue();
    assertThat(first.path("issues").path(0).path("cwe").asText()).isEqualTo("CWE-120");
    assertThat(Json.MAPPER.readTree(lines.get(1)).path("treatment").asText()).isEqualTo("IGNORE");
    JsonNode notJson = Json.MAPPER.readTree(lines.get(2));
    assertThat(notJson.path("line").asInt()).isEqualTo(3);
    assertThat(notJson.has("id")).isFalse();
    assertThat(notJson.path("error").asText()).startsWith("expected a JSON object on line 3");
    JsonNode cobol = Json.MAPPER.readTree(lines.get(3));
    assertThat(cobol.path("line").asInt()).isEqualTo(4);
    assertThat(cobol.path("id").asInt()).isEqualTo(4);
    assertThat(cobol.path("error").asText()).contains("unknown language 'cobol'");
    assertThat(Json.MAPPER.readTree(lines.get(4)).path("treatment").asText()).isEqualTo("BLOCK");
    assertThat(run.exitCode()).as("something flagged").isEqualTo(1);
    assertThat(run.err()).contains("line 3:").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aBadJsonlLineWithNothingFlaggedExitsThree() {
    Cli.Result run = Cli.run("{\"id\": \"a\", \"language\": \"python\", \"code\": \"print(1)\"}\n{\"id\": 7}\n",
        "scan", "--jsonl");

    assertThat(run.out().lines().toList()).hasSize(2).last().satisfies(line ->
        assertThat(Json.MAPPER.readTree(line).path("error").asText()).isEqualTo("\"code\" must be a string"));
    assertThat(run.exitCode()).isEqualTo(Errors.UNCHECKED);
  }

  @Test
  void aJsonlLineWithoutEndIsNotBufferedWhole() {
    Cli.Result run = Cli.run("x".repeat(ScanInputs.MAX_BYTES + 10), "scan", "--jsonl");

    JsonNode error = readLine(run.out());
    assertThat(error.path("line").asInt()).isEqualTo(1);
    assertThat(error.path("error").asText()).contains("longer than 16 MiB");
    assertThat(run.exitCode()).isEqualTo(Errors.UNCHECKED);
  }

  static JsonNode readLine(String out) {
    try {
      return Json.MAPPER.readTree(out.lines().findFirst().orElseThrow());
    } catch (IOException e) {
      throw new AssertionError(out, e);
    }
  }

  @Test
  void usageErrorsAreOneLineWithExitTwo() throws IOException {
    Path file = write("copy.c", VULNERABLE_C);

    for (Cli.Result run : List.of(Cli.run("", "scan", "--lang", "cobol", file.toString()),
        Cli.run("", "scan", dir.resolve("missing.c").toString()),
        Cli.run("", "scan"),
        Cli.run("", "scan", "--format", "xml", file.toString()),
        Cli.run("", "scan", "--rules", dir.resolve("none.yaml").toString(), file.toString()))) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }
    String unknown = Cli.run("", "scan", "--lang", "cobol", file.toString()).err();
    assertThat(unknown).startsWith("ward scan: unknown language 'cobol'; known: c, cpp").hasLineCount(1);
    assertThat(Cli.run("", "scan", dir.resolve("missing.c").toString()).err()).hasLineCount(1).contains("no such file");
  }

  @Test
  void extraRulesFromAFileAreUsed() throws IOException {
    Path rules = write("rules/no-print.yaml", """
        rules:
          - id: no-print
            languages: [python]
            severity: ERROR
            message: print found
            metadata: {cwe: "CWE-200"}
            pattern: print(...)
        """);
    Path code = write("p.py", "print('secret')\n");

    Cli.Result run = Cli.run("", "scan", "--rules", rules.toString(), "--no-builtin-rules", code.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR no-print (CWE-200) print found").contains("treatment BLOCK");
  }

  @Test
  void hostileInputDoesNotStall() throws IOException {
    Path deep = write("deep.py", "x = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "\n");
    Path longLine = write("long.js", "var s = '" + "a".repeat(1 << 20) + "'; eval(s);\n");

    Cli.Result run = Cli.run("", "scan", deep.toString(), longLine.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("long.js:1:").contains("js-eval-injection");
  }

  @Test
  void devicesAndFifosAreNotReadAndTheOtherFilesAreScanned() throws Exception {
    Path clean = write("ok.py", "print(1)\n");
    Path fifo = dir.resolve("pipe.py");
    Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo not available");
    Files.createSymbolicLink(dir.resolve("zero.c"), Path.of("/dev/zero"));
    Files.createSymbolicLink(dir.resolve("folder.js"), Files.createDirectories(dir.resolve("lib")));

    Cli.Result run = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> Cli.run("", "scan", "/dev/zero", fifo.toString(), clean.toString(), dir.toString()));

    assertThat(run.exitCode()).isEqualTo(Errors.UNCHECKED);
    assertThat(run.err()).contains("/dev/zero:1: not a regular file").contains("pipe.py:1: not a regular file")
        .contains("zero.c:1: not a regular file").contains("folder.js:1: not a regular file").doesNotContain("Exception");
    assertThat(run.out()).contains("0 findings").contains("not fully checked").contains("treatment WARN");
  }

  @Test
  void aFolderScanReportsUndecodableFilesAndGoesOn() throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.write(dir.resolve("src/latin1.py"), "# caf\u00e9\nimport os\n".getBytes(StandardCharsets.ISO_8859_1));
    write("src/copy.c", VULNERABLE_C);
    write("src/ok.py", "print(1)\n");

    Cli.Result run = Cli.run("", "scan", "--format", "json", dir.resolve("src").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.path("complete").asBoolean()).isFalse();
    assertThat(json.path("files")).hasSize(3);
    JsonNode latin1 = json.path("files").path(1);
    assertThat(latin1.path("path").asText()).endsWith("latin1.py");
    assertThat(latin1.path("complete").asBoolean()).isFalse();
    assertThat(latin1.path("treatment").asText()).isEqualTo("WARN");
    assertThat(latin1.path("problems").path(0).path("kind").asText()).isEqualTo("UNDECODABLE");
    assertThat(latin1.path("problems").path(0).path("message").asText()).contains("not UTF-8 text (byte offset 5: 0xe9)");
    assertThat(json.path("files").path(0).path("issues")).isNotEmpty();
    assertThat(run.err()).contains("latin1.py:1: file is not UTF-8 text");

    Files.delete(dir.resolve("src/copy.c"));
    assertThat(Cli.run("", "scan", dir.resolve("src").toString()).exitCode()).isEqualTo(Errors.UNCHECKED);
  }

  @Test
  void anIncompleteScanIsNotCleanInAnyFormat() throws IOException {
    Path big = write("big.py", "x = 1\n".repeat(800_000)); // 4.8 M chars: over the scanner's 4 Mi limit

    Cli.Result text = Cli.run("", "scan", big.toString());
    Cli.Result json = Cli.run("", "scan", "--format", "json", big.toString());
    Cli.Result sarif = Cli.run("", "scan", "--format", "sarif", big.toString());

    assertThat(text.exitCode()).isEqualTo(Errors.UNCHECKED);
    assertThat(text.out()).contains("1 not fully checked; treatment WARN");
    assertThat(json.exitCode()).isEqualTo(Errors.UNCHECKED);
    assertThat(json.json().path("files").path(0).path("complete").asBoolean()).isFalse();
    assertThat(json.json().path("files").path(0).path("problems").path(0).path("kind").asText()).isEqualTo("TOO_LARGE");
    JsonNode invocation = sarif.json().path("runs").path(0).path("invocations").path(0);
    assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
    assertThat(invocation.path("toolExecutionNotifications").path(0).path("level").asText()).isEqualTo("error");
  }

  @Test
  void stdinOverTheReadLimitIsReportedNotBuffered() {
    Cli.Result run = Cli.run("x".repeat(ScanInputs.MAX_BYTES + 1), "scan", "--lang", "python", "-");

    assertThat(run.exitCode()).isEqualTo(Errors.UNCHECKED);
    assertThat(run.err()).contains("-:1: input is larger than 16 MiB; not read");
  }
}
