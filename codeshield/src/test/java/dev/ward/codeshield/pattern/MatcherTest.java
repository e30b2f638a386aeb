package dev.ward.codeshield.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.syntax.ParseLimits;
import dev.ward.codeshield.syntax.Parsers;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MatcherTest {
  static List<Match> find(Language language, String pattern, String code) {
    return Matcher.findAll(Pattern.compile(pattern, language),
        new Target(Parsers.parse(language, code, ParseLimits.DEFAULT)));
  }

  static List<String> texts(Language language, String pattern, String code) {
    return find(language, pattern, code).stream().map(m -> code.substring(m.start(), m.end())).distinct().toList();
  }

  static String bound(Match match, String name) {
    return match.bindings().get(name).orElseThrow().text();
  }

  @Nested
  class Metavariables {
    @Test
    void bindAnyExpressionInC() {
      List<Match> matches = find(Language.C, "strcpy($DST, $SRC)", "void f(char *s) { char b[8]; strcpy(b, s + 1); }");

      assertThat(matches).hasSize(1);
      assertThat(bound(matches.getFirst(), "$DST")).isEqualTo("b");
      assertThat(bound(matches.getFirst(), "SRC")).isEqualTo("s + 1");
    }

    @Test
    void aSecondOccurrenceMustBeTheSameCode() {
      String js = "if (a == a) {} if (a == b) {} if (f(x) == f( x )) {}";
      assertThat(texts(Language.JAVASCRIPT, "$X == $X", js)).containsExactly("a == a", "f(x) == f( x )");
      String c = "int g() { return a == a || a == b; }";
      assertThat(texts(Language.C, "$X == $X", c)).containsExactly("a == a");
    }

    @Test
    void anonymousMetavariableBindsNothing() {
      assertThat(texts(Language.PYTHON, "$_ == $_", "a == b\n")).containsExactly("a == b");
    }

    @Test
    void phpVariablesStayVariablesAndUppercaseOnesAreMetavariables() {
      List<Match> matches = find(Language.PHP, "exec($CMD)", "<?php exec($_GET['cmd']); exec(\"ls\");");

      assertThat(matches).extracting(m -> bound(m, "CMD")).containsExactly("$_GET['cmd']", "\"ls\"");
      assertThat(texts(Language.PHP, "exec($cmd)", "<?php exec($cmd); exec($other);")).containsExactly("exec($cmd)");
    }

    @Test
    void metavariableNamesAFunctionOrMethod() {
      List<Match> matches = find(Language.JAVA, "$OBJ.$METHOD(\"MD5\")",
          "class A { void f() { MessageDigest.getInstance(\"MD5\"); } }");

      assertThat(matches).hasSize(1);
      assertThat(bound(matches.getFirst(), "METHOD")).isEqualTo("getInstance");
    }
  }

  @Nested
  class Ellipsis {
    @Test
    void inArgumentListsMatchesAnyRunIncludingNone() {
      String py = "subprocess.call(cmd, shell=True)\nsubprocess.call('ls', cwd=d, shell=True, env=e)\n"
          + "subprocess.call(cmd, shell=False)\nsubprocess.call(shell=True)\n";
      assertThat(texts(Language.PYTHON, "subprocess.call(..., shell=True, ...)", py)).containsExactly(
          "subprocess.call(cmd, shell=True)", "subprocess.call('ls', cwd=d, shell=True, env=e)",
          "subprocess.call(shell=True)");
    }

    @Test
    void commasNextToAnEllipsisAreOptional() {
      assertThat(texts(Language.C, "printf($FMT, ...)", "void f() { printf(s); printf(\"%d\", 1); }"))
          .containsExactly("printf(s)", "printf(\"%d\", 1)");
      assertThat(texts(Language.JAVASCRIPT, "foo(...)", "foo(); foo(1, 2); bar(3);"))
          .containsExactly("foo()", "foo(1, 2)");
    }

    @Test
    void inStatementSequences() {
      String py = "f = open(p)\ndata = f.read()\nf.close()\ng = open(q)\nprint(g)\n";
      assertThat(texts(Language.PYTHON, "$F = open(...)\n...\n$F.close()", py))
          .containsExactly("f = open(p)\ndata = f.read()\nf.close()");
      String c = "void f() { char *p = malloc(4); use(p); free(p); }";
      assertThat(texts(Language.C, "$T *$P = malloc(...);\n...\nfree($P);", c))
          .containsExactly("char *p = malloc(4); use(p); free(p);");
    }

    @Test
    void ellipsisMetavariablesBindTheRunTheyAbsorb() {
      List<Match> py = find(Language.PYTHON, "subprocess.run($...ARGS, shell=True)", "subprocess.run(cmd, cwd=d, shell=True)\n");
      assertThat(py).singleElement().satisfies(m -> assertThat(bound(m, "ARGS")).isEqualTo("cmd, cwd=d"));
      List<Match> js = find(Language.JAVASCRIPT, "log($...A); warn($...A);", "log(x, 1); warn(x, 1); log(y); warn(z);");
      assertThat(js).hasSize(1);
      assertThat(texts(Language.C, "f($...ARGS)", "void g() { f(); f(1, 2); }")).containsExactly("f()", "f(1, 2)");
    }

    @Test
    void theLastStatementMayBeNestedAfterAnEllipsis() {
      String py = "f = open(p)\nif ok:\n    f.close()\n";
      assertThat(texts(Language.PYTHON, "$F = open(...)\n...\n$F.close()", py))
          .containsExactly("f = open(p)\nif ok:\n    f.close()");
      String js = "const f = open(p); if (ok) { use(f); f.close(); }";
      assertThat(texts(Language.JAVASCRIPT, "$F = open(...);\n...\n$F.close();", js))
          .containsExactly("const f = open(p); if (ok) { use(f); f.close();");
    }

    @Test
    void asABlockBody() {
      String py = "def handler(request):\n    x = 1\n    return x\n";
      List<Match> matches = find(Language.PYTHON, "def $F(...):\n    ...", py);
      assertThat(matches).hasSize(1);
      assertThat(bound(matches.getFirst(), "F")).isEqualTo("handler");
      assertThat(texts(Language.JAVA, "if ($C) { ... }", "class A { void f() { if (x > 1) { a(); b(); } } }"))
          .containsExactly("if (x > 1) { a(); b(); }");
    }

    @Test
    void inMethodChains() {
      String java = "class A { void f() { Runtime.getRuntime().exec(cmd); builder.a().b().exec(y); exec(z); } }";
      assertThat(texts(Language.JAVA, "$O. ... .exec($X)", java))
          .containsExactly("Runtime.getRuntime().exec(cmd)", "builder.a().b().exec(y)");
      String js = "app.get('/', f).use(g).listen(80); x.listen(1);";
      assertThat(texts(Language.JAVASCRIPT, "$APP. ... .listen(...)", js))
          .containsExactly("app.get('/', f).use(g).listen(80)", "x.listen(1)");
    }
  }

  @Nested
  class Literals {
    @Test
    void quotedEllipsisMatchesAnyStringLiteral() {
      String java = "class A { void f() { r.exec(\"ls -l\"); r.exec(cmd); r.exec(\"a\" + cmd); } }";
      assertThat(texts(Language.JAVA, "$R.exec(\"...\")", java)).containsExactly("r.exec(\"ls -l\")");
      String py = "eval('1+1')\neval(user)\n";
      assertThat(texts(Language.PYTHON, "eval(\"...\")", py)).containsExactly("eval('1+1')");
    }

    @Test
    void literalsMustBeEqual() {
      String java = "class A { void f() { Cipher.getInstance(\"DES\"); Cipher.getInstance(\"AES/GCM/NoPadding\"); } }";
      assertThat(texts(Language.JAVA, "Cipher.getInstance(\"DES\")", java)).containsExactly("Cipher.getInstance(\"DES\")");
    }
  }

  @Nested
  class DeepExpressions {
    @Test
    void matchesAnywhereInsideTheExpression() {
      String js = "eval('x' + req.query.a); eval(1 + 2); eval(f(g(req.body)));";
      assertThat(texts(Language.JAVASCRIPT, "eval(<... $R.query ...>)", js)).containsExactly("eval('x' + req.query.a)");
      assertThat(texts(Language.JAVASCRIPT, "eval(<... req ...>)", js))
          .containsExactly("eval('x' + req.query.a)", "eval(f(g(req.body)))");
    }

    @Test
    void worksInPython() {
      String py = "os.system('ls ' + input())\nos.system('ls')\n";
      assertThat(texts(Language.PYTHON, "os.system(<... input() ...>)", py)).containsExactly("os.system('ls ' + input())");
    }
  }

  @Nested
  class TypedMetavariables {
    @Test
    void matchOnlyExpressionsOfTheDeclaredTypeInJava() {
      String java = "class A { void f(String q, int n) { s.executeQuery(q); s.executeQuery(n); s.executeQuery(\"x\"); } }";
      assertThat(texts(Language.JAVA, "$S.executeQuery((String $Q))", java))
          .containsExactly("s.executeQuery(q)", "s.executeQuery(\"x\")");
    }

    @Test
    void matchPointerTypesInC() {
      String c = "void f(char *dst, int *n) { char *src = g(); strcpy(dst, src); memcpy(n, n, 4); }";
      assertThat(texts(Language.C, "strcpy($D, (char *$S))", c)).containsExactly("strcpy(dst, src)");
    }

    @Test
    void suffixSyntaxForTypeScript() {
      String ts = "function f(a: string, b: number) { run(a); run(b); }";
      assertThat(texts(Language.TYPESCRIPT, "run(($X : string))", ts)).containsExactly("run(a)");
    }
  }

  @Test
  void parenthesesInTheTargetDoNotHideAMatch() {
    assertThat(texts(Language.PYTHON, "eval($X)", "(eval)(x)\neval((y))\n")).contains("eval((y))");
    assertThat(texts(Language.C, "$A * $B", "int f() { return (a * b); }")).containsExactly("a * b");
  }

  @Test
  void expressionStatementPatternsMatchTheExpressionAnywhere() {
    assertThat(texts(Language.C, "gets($B);", "void f() { char *p = gets(buf); }")).containsExactly("gets(buf)");
    assertThat(texts(Language.RUST, "Command::new($X)", "fn main() { let c = Command::new(arg).spawn(); }"))
        .containsExactly("Command::new(arg)");
  }

  @Test
  void anAssignmentIsFoundOnceAsItsDeclaratorNotAlsoAsTheStatementAroundIt() {
    String java = "class A { void f() { String p = \"s\"; q = \"t\"; int a = 1, b = 2; } }";
    assertThat(find(Language.JAVA, "$X = $V", java)).extracting(m -> java.substring(m.start(), m.end()))
        .containsExactly("p = \"s\"", "q = \"t\"", "a = 1", "b = 2");
    String c = "void f() { const char *k = \"x\"; }";
    assertThat(find(Language.C, "$X = \"...\"", c)).extracting(m -> bound(m, "X")).containsExactly("*k");
  }

  @Test
  void commentsInTheTargetAreIgnored() {
    assertThat(texts(Language.C, "f(a, b)", "void g() { f(a, /* why */ b); }")).containsExactly("f(a, /* why */ b)");
  }

  @Test
  void scopeRestrictsMatchesToASubtree() {
    String py = "def a():\n    eval(x)\ndef b():\n    eval(y)\n";
    Target target = new Target(Parsers.parse(Language.PYTHON, py, ParseLimits.DEFAULT));
    int second = -1;
    for (int n = 0; n < target.tree().size(); n++) {
      if (target.tree().kindName(n).equals("function_definition")) {
        second = n;
      }
    }
    assertThat(Matcher.findAll(Pattern.compile("eval($X)", Language.PYTHON), target, second))
        .extracting(m -> bound(m, "X")).containsExactly("y");
  }

  @Test
  void patternsThatDoNotParseAreReportedWithTheirPosition() {
    assertThatThrownBy(() -> Pattern.compile("strcpy($A, ", Language.C))
        .isInstanceOf(PatternException.class).hasMessageStartingWith("pattern does not parse as c: syntax error");
    assertThatThrownBy(() -> Pattern.compile("  ", Language.C)).hasMessage("pattern is empty");
  }

  @Test
  void literalsAreTheIdentifiersAPatternNeeds() {
    assertThat(Pattern.compile("subprocess.call(..., shell=True, ...)", Language.PYTHON).literals())
        .containsExactlyInAnyOrder("subprocess", "call", "shell", "True");
    assertThat(Pattern.compile("$X.exec($Y)", Language.JAVA).literals()).containsExactly("exec");
  }
}
