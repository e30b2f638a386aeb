package dev.ward.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.lang.Language;
import org.junit.jupiter.api.Test;

class PreparedTest {
  @Test
  void truncatedCodeGetsItsClosersOnANewLine() {
    assertThat(Prepared.closeBrackets("f(a, function() {\n  g([1, 2", Language.JAVASCRIPT)).isEqualTo("f(a, function() {\n  g([1, 2\n])})");
    assertThat(Prepared.closeBrackets("}\nx = \"({[\"; // (\n", Language.C)).isEqualTo("}\nx = \"({[\"; // (\n");
    assertThat(Prepared.closeBrackets("f(]", Language.C)).isEqualTo("f(]");
  }

  @Test
  void truncatedCommentsAndPythonStringsAreClosedToo() {
    assertThat(Prepared.closeBrackets("f(1);\n/**\n * Helper (see", Language.JAVASCRIPT)).isEqualTo("f(1);\n/**\n * Helper (see*/\n");
    assertThat(Prepared.closeBrackets("x = f(a, # (\n  \'\'\'doc (", Language.PYTHON)).isEqualTo("x = f(a, # (\n  \'\'\'doc (\'\'\'\n)");
    assertThat(Prepared.closeBrackets("x = a // (b", Language.PYTHON)).isEqualTo("x = a // (b\n)");
  }

  @Test
  void phpWithoutItsTagGetsOneOnTheSameLine() {
    Prepared p = Prepared.of("$a = md5($b);", Language.PHP);
    assertThat(p.text()).isEqualTo("<?php $a = md5($b);");
    assertThat(p.originalColumn(0, 11)).isEqualTo(5);
    assertThat(Prepared.of("<div>\n<?= $x ?>\n</div>", Language.PHP).text()).startsWith("<div>");
    assertThat(Prepared.of("  <p>Hello</p>", Language.PHP).text()).isEqualTo("  <p>Hello</p>");
  }

  @Test
  void pythonWindowsInsideBlocksAreWrapped() {
    Prepared p = Prepared.of("        x = f()\n    return x\n", Language.PYTHON);
    assertThat(p.text()).isEqualTo("if True:\n    x = f()\nreturn x\n");
    assertThat(p.originalLine(1)).isZero();
    assertThat(p.originalColumn(1, 4)).isEqualTo(8);
  }

  @Test
  void aWindowStartingInsideADocstringIsTriedWithItsFirstLinesBlanked() {
    String code = "    example(1)\n    \"\"\"\n    eval(x)\n";
    assertThat(Prepared.blankToFirstTripleQuote(code)).isEqualTo("\n\n    eval(x)\n");
    assertThat(Prepared.candidates(code, Language.PYTHON)).hasSize(2);
    assertThat(Prepared.candidates("x = 1\n", Language.PYTHON)).hasSize(1);
  }

  @Test
  void aTripleQuoteThatEndsADocstringPutsTheBlankedCodeFirst() {
    assertThat(Prepared.firstTripleQuoteCloses("    Returns:\n      the id\n    \"\"\"\n    h = f()\n")).isTrue();
    assertThat(Prepared.firstTripleQuoteCloses("  the id.\"\"\"\n")).isTrue();
    assertThat(Prepared.firstTripleQuoteCloses("def f():\n    \"\"\"Doc.\n")).isFalse();
    assertThat(Prepared.firstTripleQuoteCloses("x = r\'\'\'\n")).isFalse();
    assertThat(Prepared.firstTripleQuoteCloses("\"\"\"Module.\n")).isFalse();
    assertThat(Prepared.candidates("  the id.\n  \"\"\"\n  eval(x)\n", Language.PYTHON).getFirst().text()).isEqualTo("\n\neval(x)\n");
  }

  @Test
  void aWindowStartingInsideAProseCommentOrAStringHasThatStartBlanked() {
    assertThat(Prepared.of("ARE DISCLAIMED.\n*/\nexec($x);", Language.PHP).text()).isEqualTo("<?php                \n  \nexec($x);");
    assertThat(Prepared.blankUnopenedStart("see `cargo help`.\n\";\nfn f() {}")).isEqualTo(" ".repeat(17) + "\n ;\nfn f() {}");
    assertThat(Prepared.blankUnopenedStart("{\"a\":\"1\"}\"#, ip);\nlet x = 1;"))
        .isEqualTo(" ".repeat(11) + ", ip);\nlet x = 1;");
    assertThat(Prepared.closeBrackets(Prepared.blankUnopenedStart("*/\n}\nf(a"), Language.C)).isEqualTo("  \n}\nf(a\n)");
  }

  @Test
  void commentedOutCodeAndCodeThatMerelyLooksLikeTheEndOfACommentOrStringAreKept() {
    for (String code : new String[] {"  x = md5(key);\n}\n*/\nf();\n", "glob(\"src/**/*.js\");\n", "const re = /a*/;\n",
        "/* c */ x = 1; // */\n", "let s = \"\n;\";\n", "println!(\"# {}\", x);\n", "let j = r#\"{\"a\": 1}\n\"#;\n",
        "var p = @\"C:\\dir\\\";\n"}) {
      assertThat(Prepared.blankUnopenedStart(code)).as(code).isEqualTo(code);
    }
  }
}
