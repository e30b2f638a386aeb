package dev.ward.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.lang.Language;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScannerTest {
  static CodeShield shield;
  /**
   * For inputs that must be scanned completely however loaded the machine: 30 s per parse and
   * per scan, as {@link Issue10Test} allows.
   */
  static CodeShield patient;

  @BeforeAll
  static void load() {
    shield = CodeShield.create();
    patient = CodeShield.builder().limits(new Limits(4 << 20, Duration.ofSeconds(30), 2_000_000,
        Duration.ofSeconds(30))).build();
  }

  @Test
  void builtInRulesLoadWithoutProblems() {
    assertThat(shield.rules().problems()).isEmpty();
  }

  @Test
  void findingsCarryPositionsSnippetAndInterpolatedMessage() {
    ScanResult result = shield.scan("#include <string.h>\nvoid f(char *d, char *s) {\n  strcpy(d, s);\n}\n", "c");

    Finding f = result.findings().getFirst();
    assertThat(f.ruleId()).isEqualTo("c-unbounded-string-copy");
    assertThat(f.cwe()).isEqualTo("CWE-120");
    assertThat(f.language()).isEqualTo(Language.C);
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.column()).isEqualTo(3);
    assertThat(f.endLine()).isEqualTo(3);
    assertThat(f.endColumn()).isEqualTo(15);
    assertThat(f.snippet()).isEqualTo("strcpy(d, s);");
    assertThat(f.message()).startsWith("strcpy copies until");
    assertThat(result.treatment()).isEqualTo(Treatment.WARN);
  }

  @Test
  void aCallInsideTheCommandIsNotReportedAsAnotherCommand() {
    ScanResult result = shield.scan("import os\nos.system(\"ls \" + input())\n", "python");

    assertThat(result.findings()).filteredOn(f -> f.ruleId().equals("python-os-command")).singleElement()
        .satisfies(f -> {
          assertThat(f.column()).isEqualTo(1);
          assertThat(f.message()).startsWith("os.system runs its argument");
        });
  }

  @Test
  void treatmentFollowsThePolicy() {
    String code = "import pickle\npickle.loads(data)\n";
    assertThat(shield.scan(code, "python").treatment()).isEqualTo(Treatment.BLOCK);
    assertThat(shield.scan("print('hi')\n", "python").treatment()).isEqualTo(Treatment.IGNORE);
    CodeShield lenient = CodeShield.builder().rules(shield.rules()).treatmentPolicy(new TreatmentPolicy(Map.of(
        Severity.ERROR, Treatment.WARN, Severity.WARNING, Treatment.IGNORE, Severity.ADVICE, Treatment.IGNORE))).build();
    assertThat(lenient.scan(code, "python").treatment()).isEqualTo(Treatment.WARN);
  }

  @Test
  void markdownFindingsUseAnswerLinesAndBadBlocksDoNotStopOthers() {
    String answer = """
        Here you go:

        ```cobol
        DISPLAY 'HI'.
        ```

        ```python
        import os
        os.system(cmd)
        ```

        ```
        #include <stdio.h>
        int main(void) { char b[8]; gets(b); }
        ```
        """;

    ScanResult result = shield.scanMarkdown(answer);

    assertThat(result.blocks()).isBetween(2, 3); // 3 if a generic rule has reason to run on the COBOL block
    assertThat(result.findings()).extracting(Finding::ruleId, Finding::line, Finding::language).contains(
        org.assertj.core.groups.Tuple.tuple("python-os-command", 9, Language.PYTHON),
        org.assertj.core.groups.Tuple.tuple("c-gets", 14, Language.C));
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ScanProblem.Kind.UNSUPPORTED_LANGUAGE);
      assertThat(p.line()).isEqualTo(4);
    });
    assertThat(result.treatment()).isEqualTo(Treatment.BLOCK);
  }

  @Test
  void fragmentsParse() {
    assertThat(shield.scan("$h = md5($password);\n", "php").findings()).extracting(Finding::ruleId)
        .contains("php-weak-hash");
    ScanResult python = shield.scan("        key = hashlib.md5(s).hexdigest()\n    return key\n", "python");
    assertThat(python.findings()).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(1);
      assertThat(f.column()).isEqualTo(15);
    });
  }

  @Test
  void limitsBecomeProblemsNotExceptions() {
    CodeShield small = CodeShield.builder().rules(shield.rules())
        .limits(new Limits(100, Duration.ofSeconds(1), 1000, Duration.ofSeconds(1))).build();

    ScanResult result = small.scan("x = 1\n".repeat(100), Language.PYTHON);

    assertThat(result.findings()).isEmpty();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ScanProblem.Kind.TOO_LARGE);
      assertThat(p.message()).isEqualTo("input has 600 characters, more than the limit of 100; not scanned");
    });
  }

  @Test
  void hostileInputsFinish() {
    // Found, or else incomplete (a parse over its timeout on a loaded machine): never clean.
    String deep = "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\neval(y)\n";
    Issue10Test.assertNotHidden(shield.scan(deep, "python"), "python-eval-exec");
    String longLine = "var a = \"" + "\\\\".repeat(500_000) + "\"; eval(b);";
    Issue10Test.assertNotHidden(shield.scan(longLine, "js"), "js-eval-injection");
    String manyArgs = "f(" + "a,".repeat(100_000) + "a)\n";
    assertThat(patient.scan(manyArgs, "python").problems()).isEmpty();
  }

  @Test
  void deepNestingCannotHideAFinding() {
    String hidden = "import os\nos.system(" + "(".repeat(50_000) + "input()" + ")".repeat(50_000) + ")\n";

    ScanResult result = patient.scan(hidden, "python");

    assertThat(result.problems()).isEmpty();
    assertThat(result.findings()).extracting(Finding::ruleId).contains("python-os-command");
  }

  @Test
  void garbageInEveryLanguageNeverThrows() {
    java.util.Random random = new java.util.Random(5);
    String alphabet = "{}()[];,.\"'`$#/*\\<>=+-!?:@ \n\tabcXYZ019_éλ😀";
    for (Language language : Language.values()) {
      for (int i = 0; i < 20; i++) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 400; k++) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        ScanResult result = shield.scan(text.toString(), language);
        assertThat(result.problems()).as("%s: %s", language, result.problems())
            .noneMatch(p -> p.kind() == ScanProblem.Kind.RULE_FAILED);
      }
    }
  }

  @Test
  void scansAreThreadSafe() throws Exception {
    String code = "import os\nos.system(cmd)\n";
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<ScanResult>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        futures.add(pool.submit(() -> shield.scan(code, Language.PYTHON)));
      }
      for (Future<ScanResult> f : futures) {
        assertThat(f.get().findings()).extracting(Finding::ruleId).containsExactly("python-os-command");
      }
    }
  }

  @Test
  void undetectableCodeIsAProblem() {
    ScanResult result = shield.scanDetected("hello there");
    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(ScanProblem.Kind.UNKNOWN_LANGUAGE));
  }
}
