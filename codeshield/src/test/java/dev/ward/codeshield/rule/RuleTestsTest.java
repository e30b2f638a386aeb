package dev.ward.codeshield.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.lang.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTestsTest {
  static final RuleSet EVAL = RuleSet.of("""
      rules:
        - id: py-eval
          languages: [python]
          severity: ERROR
          message: eval
          metadata: {cwe: "CWE-95"}
          pattern: eval($X)
      """, "eval.yaml");

  @Test
  void annotationsOnThePreviousLineOrTheSameLine() {
    String code = """
        # ruleid: py-eval
        eval(a)
        eval(b)  # ruleid: py-eval
        # ok: py-eval

        print(c)
        """;
    List<RuleTests.Result> results = RuleTests.run(EVAL, Language.PYTHON, code);

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.expected()).containsExactly(2, 3);
      assertThat(r.okLines()).containsExactly(6);
      assertThat(r.passed()).isTrue();
    });
  }

  @Test
  void missingAndUnexpectedLinesFail() {
    String code = "# ruleid: py-eval\nexec(a)\neval(b)\n";
    RuleTests.Result r = RuleTests.run(EVAL, Language.PYTHON, code).getFirst();

    assertThat(r.missing()).containsExactly(2);
    assertThat(r.unexpected()).containsExactly(3);
    assertThat(r.passed()).isFalse();
    assertThat(r.toString()).isEqualTo("py-eval: missing lines [2], unexpected lines [3]");
  }

  @Test
  void todoAnnotationsRecordKnownGapsWithoutFailing() {
    String code = "# todoruleid: py-eval\nexec(a)\n# todook: py-eval\neval(b)\n";
    RuleTests.Result r = RuleTests.run(EVAL, Language.PYTHON, code).getFirst();

    assertThat(r.todo()).containsExactly(2, 4);
    assertThat(r.passed()).isTrue();
  }

  @Test
  void findingsInsideAnotherOfTheSameRuleOnItsLineAreNested() {
    String code = "# ruleid: py-eval\neval(eval(a))\n# ruleid: py-eval\neval(\n  eval(b))  # ruleid: py-eval\n";
    RuleTests.Result r = RuleTests.run(EVAL, Language.PYTHON, code).getFirst();

    assertThat(r.nested()).containsExactly(2);
    assertThat(r.passed()).isTrue();
  }

  @Test
  void severalIdsPerAnnotationAndBlockComments() {
    String c = "/* ruleid: a, b */\nx();\n";
    assertThat(RuleTests.annotatedIds(c, Language.C)).containsExactlyInAnyOrder("a", "b");
  }
}
