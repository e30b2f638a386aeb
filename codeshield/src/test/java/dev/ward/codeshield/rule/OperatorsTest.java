package dev.ward.codeshield.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.pattern.Target;
import dev.ward.codeshield.syntax.ParseLimits;
import dev.ward.codeshield.syntax.Parsers;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each Semgrep operator, evaluated through a real rule on real parses, in two languages. */
class OperatorsTest {
  /** The matched texts of the single rule in {@code formulaYaml} (indented rule body) on {@code code}. */
  static List<String> run(Language language, String formulaYaml, String code) {
    String yaml = """
        rules:
          - id: under-test
            languages: [%s]
            severity: WARNING
            message: m
            metadata: {cwe: "CWE-1"}
        %s
        """.formatted(language.id(), formulaYaml.indent(4).stripTrailing());
    RuleSet rules = RuleSet.of(yaml, "test.yaml");
    assertThat(rules.problems()).isEmpty();
    Target target = new Target(Parsers.parse(language, code, ParseLimits.DEFAULT));
    RuleSet.Run result = RuleSet.run(rules.rules(), target);
    assertThat(result.failures()).isEmpty();
    return result.matches().stream().map(m -> code.substring(m.match().start(), m.match().end())).toList();
  }

  @Nested
  class Either {
    static final String RULE = """
        pattern-either:
          - pattern: md5($X)
          - pattern: sha1($X)
        """;

    @Test
    void python() {
      assertThat(run(Language.PYTHON, RULE, "a = md5(x)\nb = sha1(y)\nc = sha256(z)\n")).containsExactly("md5(x)", "sha1(y)");
    }

    @Test
    void php() {
      assertThat(run(Language.PHP, RULE, "<?php $a = md5($x); $b = sha1($y); $c = hash('sha256', $z);"))
          .containsExactly("md5($x)", "sha1($y)");
    }
  }

  @Nested
  class Not {
    static final String RULE = """
        patterns:
          - pattern: system($CMD)
          - pattern-not: system("...")
        """;

    @Test
    void c() {
      assertThat(run(Language.C, RULE, "void f(char *c) { system(c); system(\"ls\"); }")).containsExactly("system(c)");
    }

    @Test
    void php() {
      assertThat(run(Language.PHP, RULE, "<?php system($c); system('ls');")).containsExactly("system($c)");
    }
  }

  @Nested
  class Inside {
    static final String PY = """
        patterns:
          - pattern-inside: |
              def $F(...):
                  ...
          - pattern: eval($X)
        """;

    @Test
    void pythonKeepsOnlyMatchesInsideAndBindsAcross() {
      String code = "eval(a)\ndef handler(req):\n    eval(b)\n";
      assertThat(run(Language.PYTHON, PY, code)).containsExactly("eval(b)");
    }

    @Test
    void sequenceInsideSharesBindings() {
      String rule = """
          patterns:
            - pattern-inside: |
                $Q = "..." + $X;
                ...
            - pattern: $S.executeQuery($Q)
          """;
      String code = "class A { void f(Statement s, String id) { String q = \"SELECT \" + id; s.executeQuery(q); s.executeQuery(other); } }";
      assertThat(run(Language.JAVA, rule, code)).containsExactly("s.executeQuery(q)");
    }
  }

  @Nested
  class NotInside {
    @Test
    void javascript() {
      String rule = """
          patterns:
            - pattern: eval($X)
            - pattern-not-inside: |
                if (isTrusted($X)) { ... }
          """;
      String code = "eval(a); if (isTrusted(b)) { eval(b); } if (isTrusted(c)) { eval(d); }";
      assertThat(run(Language.JAVASCRIPT, rule, code)).containsExactly("eval(a)", "eval(d)");
    }

    @Test
    void python() {
      String rule = """
          patterns:
            - pattern: open($F)
            - pattern-not-inside: |
                with open($F) as $H:
                    ...
          """;
      String code = "f = open(p)\nwith open(q) as h:\n    pass\n";
      assertThat(run(Language.PYTHON, rule, code)).containsExactly("open(p)");
    }
  }

  @Nested
  class Regexes {
    @Test
    void patternRegexSkipsCommentsAndBindsGroups() {
      String rule = """
          patterns:
            - pattern-regex: 'password\\s*=\\s*"(?P<VALUE>[^"]+)"'
            - metavariable-regex:
                metavariable: $VALUE
                regex: '^[a-z]'
          """;
      String c = "// password = \"commented\"\nchar *password = \"hunter2\";\nchar *password2 = \"X\";\n";
      assertThat(run(Language.C, rule, c)).containsExactly("password = \"hunter2\"");
      String py = "# password = \"commented\"\npassword = \"hunter2\"\n";
      assertThat(run(Language.PYTHON, rule, py)).containsExactly("password = \"hunter2\"");
    }

    @Test
    void patternNotRegexDropsOverlappingMatches() {
      String rule = """
          patterns:
            - pattern: random.$F(...)
            - pattern-not-regex: 'random\\.seed'
          """;
      assertThat(run(Language.PYTHON, rule, "random.seed(1)\nrandom.random()\n")).containsExactly("random.random()");
      String rb = """
          patterns:
            - pattern: Math.random()
            - pattern-not-regex: 'Math\\.random\\(\\) \\* speed'
          """;
      String js = "var delay = Math.random() * speed;\nvar token = Math.random();\n";
      assertThat(run(Language.JAVASCRIPT, rb, js)).hasSize(1);
      assertThat(js.indexOf("Math.random();")).isPositive();
    }
  }

  @Nested
  class MetavariableRegex {
    static final String RULE = """
        patterns:
          - pattern: $OBJ.$METHOD(...)
          - metavariable-regex:
              metavariable: $METHOD
              regex: '^(exec|spawn)'
        """;

    @Test
    void isAnchoredAtTheStart() {
      assertThat(run(Language.JAVASCRIPT, RULE, "cp.exec(a); cp.execSync(b); cp.reexec(c);"))
          .containsExactly("cp.exec(a)", "cp.execSync(b)");
      assertThat(run(Language.PYTHON, RULE, "cp.exec(a)\ncp.spawn(b)\ncp.reexec(c)\n"))
          .containsExactly("cp.exec(a)", "cp.spawn(b)");
    }
  }

  @Nested
  class MetavariablePattern {
    @Test
    void matchesInsideTheBoundCodeAndAddsItsBindings() {
      String rule = """
          patterns:
            - pattern: cursor.execute($Q)
            - metavariable-pattern:
                metavariable: $Q
                pattern: $A + $B
          """;
      assertThat(run(Language.PYTHON, rule, "cursor.execute(q)\ncursor.execute('a' + b)\n"))
          .containsExactly("cursor.execute('a' + b)");
      String java = "class A { void f() { cursor.execute(q); cursor.execute(\"a\" + b); } }";
      assertThat(run(Language.JAVA, rule, java)).containsExactly("cursor.execute(\"a\" + b)");
    }

    @Test
    void canUseARegexOnTheBoundCode() {
      String rule = """
          patterns:
            - pattern: setTimeout($CODE, ...)
            - metavariable-pattern:
                metavariable: $CODE
                pattern-regex: '^["''`]'
          """;
      assertThat(run(Language.JAVASCRIPT, rule, "setTimeout('run()', 1); setTimeout(run, 1);"))
          .containsExactly("setTimeout('run()', 1)");
    }
  }

  @Nested
  class MetavariableComparison {
    static final String RULE = """
        patterns:
          - pattern: os.chmod($P, $MODE)
          - metavariable-comparison:
              comparison: $MODE & 2 != 0 or $MODE > 0o700
        """;

    @Test
    void comparesNumbersInAnyLiteralSyntax() {
      String rule = """
          patterns:
            - pattern: $F($P, $MODE)
            - metavariable-comparison:
                comparison: $MODE > 0o700 and $MODE != 0o755
          """;
      assertThat(run(Language.PYTHON, rule, "os.chmod(p, 0o777)\nos.chmod(p, 0o600)\nos.chmod(p, 0o755)\n"))
          .containsExactly("os.chmod(p, 0o777)");
      assertThat(run(Language.C, rule, "void f() { chmod(p, 0777); chmod(p, 0600); chmod(p, 0x1FF); }"))
          .containsExactly("chmod(p, 0777)", "chmod(p, 0x1FF)");
    }

    @Test
    void arithmeticAndStrings() {
      String rule = """
          patterns:
            - pattern: new byte[$N]
            - metavariable-comparison:
                comparison: $N * 8 < 128
          """;
      assertThat(run(Language.JAVA, rule, "class A { byte[] a = new byte[8]; byte[] b = new byte[32]; }"))
          .containsExactly("new byte[8]");
      String names = """
          patterns:
            - pattern: $X = $V
            - metavariable-comparison:
                comparison: str($V) == "admin" and len(str($X)) > 3
          """;
      assertThat(run(Language.PYTHON, names, "user = 'admin'\nu = 'admin'\nuser = 'bob'\n")).containsExactly("user = 'admin'");
    }
  }

  @Nested
  class Focus {
    static final String RULE = """
        patterns:
          - pattern: $F(..., password=$P, ...)
          - focus-metavariable: $P
        """;

    @Test
    void narrowsTheMatchToTheMetavariable() {
      assertThat(run(Language.PYTHON, RULE, "connect(host='h', password='s3cret')\n")).containsExactly("'s3cret'");
      String js = """
          patterns:
            - pattern: $EL.innerHTML = $V
            - focus-metavariable: $V
          """;
      assertThat(run(Language.JAVASCRIPT, js, "el.innerHTML = '<b>' + name;")).containsExactly("'<b>' + name");
    }
  }

  @Nested
  class Taint {
    static final String PY = """
        mode: taint
        pattern-sources:
          - pattern: request.args.get(...)
        pattern-sinks:
          - pattern: os.system(...)
        pattern-sanitizers:
          - pattern: shlex.quote(...)
        """;

    @Test
    void pythonFollowsAssignmentsWithinAFunction() {
      String code = """
          def run():
              name = request.args.get('n')
              cmd = 'ls ' + name
              os.system(cmd)
              os.system('ls ' + shlex.quote(name))
              os.system('ls')

          def other():
              os.system(cmd)
          """;
      assertThat(run(Language.PYTHON, PY, code)).containsExactly("os.system(cmd)");
    }

    @Test
    void javascriptSourceStraightIntoSink() {
      String rule = """
          mode: taint
          pattern-sources:
            - pattern: req.query.$P
          pattern-sinks:
            - pattern: eval(...)
          """;
      String code = """
          app.get('/', function (req, res) {
            const expr = req.query.expr;
            eval(expr);
            eval(req.query.code);
            eval('1 + 1');
          });
          """;
      assertThat(run(Language.JAVASCRIPT, rule, code)).containsExactly("eval(expr)", "eval(req.query.code)");
    }
  }
}
