package dev.ward.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.lang.Language;
import org.junit.jupiter.api.Test;

class WindowEdgesTest {
  @Test
  void truncatedCodeGetsItsClosersOnANewLine() {
    assertThat(WindowEdges.closeBrackets("f(a, function() {\n  g([1, 2", Language.JAVASCRIPT)).isEqualTo("f(a, function() {\n  g([1, 2\n])})");
    assertThat(WindowEdges.closeBrackets("}\nx = \"({[\"; // (\n", Language.C)).isEqualTo("}\nx = \"({[\"; // (\n");
    assertThat(WindowEdges.closeBrackets("f(]", Language.C)).isEqualTo("f(]");
  }

  @Test
  void truncatedCommentsAndPythonStringsAreClosedToo() {
    assertThat(WindowEdges.closeBrackets("f(1);\n/**\n * Helper (see", Language.JAVASCRIPT)).isEqualTo("f(1);\n/**\n * Helper (see*/\n");
    assertThat(WindowEdges.closeBrackets("x = f(a, # (\n  \'\'\'doc (", Language.PYTHON)).isEqualTo("x = f(a, # (\n  \'\'\'doc (\'\'\'\n)");
    assertThat(WindowEdges.closeBrackets("x = a // (b", Language.PYTHON)).isEqualTo("x = a // (b\n)");
  }

  @Test
  void aTripleQuoteThatEndsADocstringPutsTheBlankedCodeFirst() {
    assertThat(WindowEdges.firstTripleQuoteCloses("    Returns:\n      the id\n    \"\"\"\n    h = f()\n")).isTrue();
    assertThat(WindowEdges.firstTripleQuoteCloses("  the id.\"\"\"\n")).isTrue();
    assertThat(WindowEdges.firstTripleQuoteCloses("def f():\n    \"\"\"Doc.\n")).isFalse();
    assertThat(WindowEdges.firstTripleQuoteCloses("x = r\'\'\'\n")).isFalse();
    assertThat(WindowEdges.firstTripleQuoteCloses("\"\"\"Module.\n")).isFalse();
  }

  @Test
  void aLoneTripleQuoteEndsAStringNearTheTopAndStartsOneNearTheBottom() {
    assertThat(WindowEdges.firstTripleQuoteCloses("  \"\"\"\n  x = 1\n  try:\n    exec(x)\n  except E:\n")).isTrue();
    assertThat(WindowEdges.firstTripleQuoteCloses("a = 1\nb = f(a)\ngo(b)\n\"\"\"\n")).isFalse();
    assertThat(WindowEdges.firstTripleQuoteCloses("a = 1\nb = f(a)\n'''top = Toplevel(self)\n")).isFalse();
    assertThat(WindowEdges.firstTripleQuoteCloses("      the id\n    \"\"\").strip()\n")).isTrue();
  }

  @Test
  void aWindowStartingInsideAProseCommentOrAStringHasThatStartBlanked() {
    assertThat(WindowEdges.blankUnopenedStart("ARE DISCLAIMED.\n*/\nexec($x);")).isEqualTo("               \n  \nexec($x);");
    assertThat(WindowEdges.blankUnopenedStart("see `cargo help`.\n\";\nfn f() {}")).isEqualTo(" ".repeat(17) + "\n ;\nfn f() {}");
    assertThat(WindowEdges.blankUnopenedStart("{\"a\":\"1\"}\"#, ip);\nlet x = 1;"))
        .isEqualTo(" ".repeat(11) + ", ip);\nlet x = 1;");
    assertThat(WindowEdges.closeBrackets(WindowEdges.blankUnopenedStart("*/\n}\nf(a"), Language.C)).isEqualTo("  \n}\nf(a\n)");
  }

  @Test
  void commentedOutCodeAndCodeThatMerelyLooksLikeTheEndOfACommentOrStringAreKept() {
    for (String code : new String[] {"  x = md5(key);\n}\n*/\nf();\n", "glob(\"src/**/*.js\");\n", "const re = /a*/;\n",
        "/* c */ x = 1; // */\n", "let s = \"\n;\";\n", "println!(\"# {}\", x);\n", "let j = r#\"{\"a\": 1}\n\"#;\n",
        "var p = @\"C:\\dir\\\";\n"}) {
      assertThat(WindowEdges.blankUnopenedStart(code)).as(code).isEqualTo(code);
    }
  }
}
