package dev.ward.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.rule.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "never fail open": hostile inputs a new user tried. Each must finish within the
 * configured deadline, and none may come back as clean (IGNORE, complete) unless it was scanned.
 */
class Issue10Test {
  static final String HIDDEN = "os.system(\"rm -rf \" + input())";
  static CodeShield shield;

  @BeforeAll
  static void load() {
    shield = CodeShield.create();
  }

  /** Found, or else reported as not fully scanned; never IGNORE. */
  static void assertNotHidden(ScanResult result, String ruleId) {
    assertThat(result.treatment()).as("%s", result.problems()).isNotEqualTo(Treatment.IGNORE);
    if (result.complete()) {
      assertThat(result.findings()).extracting(Finding::ruleId).contains(ruleId);
    } else {
      assertThat(result.problems()).anyMatch(p -> p.kind().incomplete());
    }
  }

  /** Every identifier the built-in rules of {@code folder} mention, so that every rule passes its prefilter. */
  static String everyRuleWord(String folder) throws IOException {
    Set<String> words = new TreeSet<>();
    try (Stream<Path> files = Files.list(RuleSet.builtInRoot().resolve(folder))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Matcher m = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{2,}").matcher(Files.readString(file));
        while (m.find()) {
          words.add(m.group());
        }
      }
    }
    return String.join(" ", words);
  }

  @Test
  void hundredThousandNestedParenthesesInA200KbCFileAreMatchedInLinearTime() throws IOException {
    // Every C rule runs (its words are in the comment); looking through the parentheses once per
    // node used to make this 400+ s. Thirty seconds is generous for a 2-core machine under load.
    Limits limits = new Limits(4 << 20, Duration.ofSeconds(30), 2_000_000, Duration.ofSeconds(30));
    CodeShield patient = CodeShield.builder().limits(limits).build();
    String code = "#include <stdlib.h>\nint main(void) {\n  int x = " + "(".repeat(100_000) + "1"
        + ")".repeat(100_000) + ";\n  system(getenv(\"CMD\"));\n  return x;\n}\n/* " + everyRuleWord("c") + " */\n";
    assertThat(code.length()).isGreaterThan(200_000);

    long start = System.nanoTime();
    ScanResult result = patient.scan(code, Language.C);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(limits.scanTimeout());
    assertThat(result.problems()).isEmpty();
    assertThat(result.complete()).isTrue();
    assertThat(result.findings()).extracting(Finding::ruleId).contains("c-command-injection");
  }

  @Test
  void aOneMegabyteOneLinerCannotHideACommand() {
    String code = "x = 1; ".repeat(150_000) + "import os; " + HIDDEN + "\n";

    long start = System.nanoTime();
    ScanResult result = shield.scan(code, Language.PYTHON);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Limits.DEFAULT.scanTimeout().plusSeconds(1));
    assertNotHidden(result, "python-os-command");
  }

  @Test
  void aLongPaddedAnswerCannotHideACommand() {
    String prose = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20) + "\n\n").repeat(2_500);
    for (String answer : new String[] {
        prose + "```\nimport os\n" + HIDDEN + "\n```\n",
        prose + "```python\n" + HIDDEN + "\n```\n",
        "```python\n" + "x = 1\n".repeat(500_000) + HIDDEN + "\n```\n"}) {
      long start = System.nanoTime();
      ScanResult result = shield.scanMarkdown(answer);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Limits.DEFAULT.scanTimeout().plusSeconds(1));
      assertNotHidden(result, "python-os-command");
    }
  }

  @Test
  void theFenceTagIsAHintAndTheContentDecides() {
    String python = "import os\n" + HIDDEN + "\n";
    for (String fence : new String[] {"text", "sh", "console", "bash", "output", "json", "", "cobol"}) {
      ScanResult result = shield.scanMarkdown("Run this:\n\n```" + fence + "\n" + python + "```\n");

      assertThat(result.findings()).as("fence '%s'", fence).extracting(Finding::ruleId, Finding::line)
          .contains(org.assertj.core.groups.Tuple.tuple("python-os-command", 5));
    }
  }

  @Test
  void misleadingTagsAndContentDoNotLetCodeThrough() {
    // A covered language's tag on another language's code: scanned as both.
    ScanResult underJs = shield.scanMarkdown("```javascript\nimport os\n" + HIDDEN + "\n```\n");
    // Signals of another language in an untagged block: every language whose rules could match is scanned too.
    ScanResult jsLooking = shield.scanMarkdown("```\nconst x = require('x'); // => console.log\n" + HIDDEN + "\n```\n");
    // No signal at all.
    ScanResult bare = shield.scanMarkdown("```\n" + HIDDEN + "\n```\n");

    for (ScanResult result : new ScanResult[] {underJs, jsLooking, bare}) {
      assertThat(result.findings()).extracting(Finding::ruleId).contains("python-os-command");
      assertThat(result.treatment()).isEqualTo(Treatment.BLOCK);
    }
  }

  @Test
  void aBlockScannedAsTwoLanguagesReportsEachPlaceOnce() {
    ScanResult result = shield.scanMarkdown("```\n#include <stdlib.h>\nint main(int c, char **v) { system(v[1]); }\n```\n");

    assertThat(result.findings()).filteredOn(f -> f.cwe().equals("CWE-78")).hasSize(1);
  }

  @Test
  void flaskInjectionIsAboutRequestsNotATerminalScript() {
    ScanResult script = shield.scan("import os\nhost = input('host: ')\nos.system('ping ' + host)\n", Language.PYTHON);
    ScanResult app = shield.scan("""
        import os
        from flask import request
        def ping():
            os.system('ping ' + request.args.get('host'))
        """, Language.PYTHON);

    assertThat(script.findings()).extracting(Finding::ruleId).contains("python-os-command")
        .doesNotContain("python-flask-injection");
    assertThat(app.findings()).extracting(Finding::ruleId).contains("python-flask-injection");
  }

  @Test
  void messagesNeverShowAnUnboundMetavariable() {
    // c-free-non-heap binds $P in one branch only; free(&x) is the other.
    ScanResult result = shield.scan("void f(void) { int x; free(&x); }\n", Language.C);

    assertThat(result.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.message()).doesNotContainPattern("\\$[A-Z_]"));
  }

  @Test
  void oneLineOfTheTaggedLanguageDoesNotHideAProgramInAnother() {
    for (String salt : new String[] {"# fn main() { let mut x = 1; }", "# @Override public void run()",
        "# const x = 1; let y = () => x;"}) {
      String tag = salt.contains("fn main") ? "rust" : salt.contains("Override") ? "java" : "javascript";
      ScanResult result = shield.scanMarkdown("```" + tag + "\n" + salt + "\nimport os\n" + HIDDEN + "\n```\n");

      assertThat(result.findings()).as(tag).extracting(Finding::ruleId).contains("python-os-command");
    }
  }

  @Test
  void codeOutsideTheFencesIsScannedToo() {
    String indented = "```text\nhi\n```\n\nThen run:\n\n    import os\n    " + HIDDEN + "\n";
    String inAListItem = "1. Save this:\n\n    ```python\n    import os\n    " + HIDDEN + "\n    ```\n";
    String crLines = "```python\rimport os\r" + HIDDEN + "\r```\r";

    for (String answer : new String[] {indented, inAListItem, crLines}) {
      ScanResult result = shield.scanMarkdown(answer);

      assertThat(result.findings()).as(answer).extracting(Finding::ruleId).contains("python-os-command");
    }
    assertThat(shield.scanMarkdown(indented).findings()).extracting(Finding::line).contains(8);
  }

  @Test
  void anXmlPrologInAPhpStringDoesNotTurnThePhpIntoMarkup() {
    ScanResult result = shield.scan("system($_GET['c']);\necho '<?xml version=\"1.0\"?>';\n", Language.PHP);

    assertThat(result.findings()).extracting(Finding::cwe).contains("CWE-78");
  }

  @Test
  void phpFunctionNamesAreCaseInsensitive() {
    ScanResult result = shield.scan("<?php\nSYSTEM($_GET['c']);\nEval('$x = ' . $_POST['y'] . ';');\n", Language.PHP);

    assertThat(result.findings()).extracting(Finding::cwe).contains("CWE-78", "CWE-94");
    assertThat(result.findings()).filteredOn(f -> f.cwe().equals("CWE-78")).allSatisfy(f ->
        assertThat(f.snippet()).isEqualTo("SYSTEM($_GET['c']);"));
  }

  @Test
  void aPlaceFoundInTwoLanguagesKeepsTheMostSevereFinding() {
    String code = "system($argv[1] . \" -l\");\n";
    Finding asPhp = shield.scan(code, Language.PHP).findings().stream().filter(f -> f.cwe().equals("CWE-78"))
        .findFirst().orElseThrow();
    Finding asC = shield.scan(code, Language.C).findings().stream().filter(f -> f.cwe().equals("CWE-78"))
        .findFirst().orElseThrow();
    Severity strongest = asPhp.severity().atLeast(asC.severity()) ? asPhp.severity() : asC.severity();

    ScanResult untagged = shield.scanMarkdown("```\n" + code + "```\n");

    assertThat(untagged.findings()).filteredOn(f -> f.cwe().equals("CWE-78")).singleElement()
        .extracting(Finding::severity).isEqualTo(strongest);
  }

  @Test
  void aMinifiedLineOfTenThousandFindingsIsReportedQuickly() {
    String line = "int main(void){char b[8];" + "gets(b);".repeat(10_000) + "}\n";
    long start = System.nanoTime();

    ScanResult result = shield.scan(line, Language.C);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Limits.DEFAULT.scanTimeout());
    assertThat(result.findings()).as("%s", result.problems()).extracting(Finding::ruleId).contains("c-gets");
    assertThat(result.findings()).hasSizeBetween(1, 200)
        .allSatisfy(f -> assertThat(f.snippet().length()).isLessThanOrEqualTo(401));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p.kind()).isEqualTo(ScanProblem.Kind.TOO_MANY_FINDINGS));
  }

  @Test
  void aLongRunOfStatementsAfterAMatchStaysWithinTheDeadline() {
    // python-eval-exec's pattern-not-inside ends in "...": once per statement left, per statement.
    String code = "def f(x):\n    eval(x)\n" + "    y = 'a'\n".repeat(100_000);
    long start = System.nanoTime();

    ScanResult result = shield.scan(code, Language.PYTHON);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Limits.DEFAULT.scanTimeout().plusSeconds(1));
    assertNotHidden(result, "python-eval-exec");
  }

  @Test
  void proseOverTheSizeLimitDoesNotKeepASmallBlockFromBeingScanned() {
    String padding = "Lorem ipsum dolor sit amet. ".repeat(Limits.DEFAULT.maxInputChars() / 28 + 1000);
    ScanResult result = shield.scanMarkdown(padding + "\n\n```python\nimport os\n" + HIDDEN + "\n```\n");

    assertThat(result.findings()).extracting(Finding::ruleId).contains("python-os-command");
    assertThat(result.treatment()).isEqualTo(Treatment.BLOCK);
    assertThat(result.problems()).anySatisfy(p -> assertThat(p.kind()).isEqualTo(ScanProblem.Kind.TOO_LARGE));
  }

  @Test
  void inputOverTheSizeLimitIsIncompleteNotClean() {
    ScanResult result = shield.scanMarkdown("x".repeat(Limits.DEFAULT.maxInputChars() + 1));

    assertThat(result.complete()).isFalse();
    assertThat(result.isClean()).isFalse();
    assertThat(result.treatment()).isEqualTo(Treatment.WARN);
    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(ScanProblem.Kind.TOO_LARGE));
  }
}
