package dev.ward.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.lang.Language;
import org.junit.jupiter.api.Test;

class PreparedTest {
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
  void aCommentIndentedLessThanTheCodeDoesNotOpenABlock() {
    Prepared p = Prepared.of("            q = f()\n        x = g(q)\n    # next step\n", Language.PYTHON);
    assertThat(p.text()).isEqualTo("if True:\n    q = f()\nx = g(q)\n# next step\n");
  }

  @Test
  void aWindowStartingInsideADocstringIsTriedWithItsFirstLinesBlanked() {
    String code = "    example(1)\n    \"\"\"\n    eval(x)\n";
    assertThat(WindowEdges.blankToFirstTripleQuote(code)).isEqualTo("\n\n    eval(x)\n");
    assertThat(Prepared.candidates(code, Language.PYTHON)).hasSize(2);
    assertThat(Prepared.candidates("x = 1\n", Language.PYTHON)).hasSize(1);
  }

  @Test
  void aDocstringTailIsTriedBlankedFirst() {
    assertThat(Prepared.candidates("  the id.\n  \"\"\"\n  eval(x)\n", Language.PYTHON).getFirst().text()).isEqualTo("\n\neval(x)\n");
  }

  @Test
  void aProseCommentAtTheStartIsBlanked() {
    assertThat(Prepared.of("ARE DISCLAIMED.\n*/\nexec($x);", Language.PHP).text()).isEqualTo("<?php                \n  \nexec($x);");
  }
}
