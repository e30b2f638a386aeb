package dev.ward.codeshield.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {
  @Test
  void extractsFencedBlocksWithTheirTagsAndFirstLines() {
    String answer = "Intro\n\n```python\nimport os\nos.system(x)\n```\n\nThen:\n~~~ c++ {.numberLines}\nint x;\n~~~\n";

    List<CodeBlock> blocks = Markdown.codeBlocks(answer);

    assertThat(blocks).containsExactly(new CodeBlock("python", "import os\nos.system(x)", 4),
        new CodeBlock("c++", "int x;", 10));
  }

  @Test
  void anUnclosedFenceRunsToTheEnd() {
    assertThat(Markdown.codeBlocks("```js\neval(x)\n")).containsExactly(new CodeBlock("js", "eval(x)\n", 2));
  }

  @Test
  void longerFencesNestShorterOnes() {
    String answer = "````markdown\n```python\nx\n```\n````\n";
    assertThat(Markdown.codeBlocks(answer)).containsExactly(new CodeBlock("markdown", "```python\nx\n```", 2));
  }

  @Test
  void indentedFencesLoseTheirIndentAndCrlfIsHandled() {
    assertThat(Markdown.codeBlocks("1. step\n   ```c\r\n   int a;\r\n   ```\r\n"))
        .containsExactly(new CodeBlock("c", "int a;", 3));
  }

  @Test
  void inlineBackticksAreNotFences() {
    assertThat(Markdown.codeBlocks("Use ```foo``` inline.\nText")).isEmpty();
  }

  @Test
  void aMegabyteLineIsLinear() {
    String line = "x".repeat(1 << 20);
    assertThat(Markdown.codeBlocks("```c\n" + line + "\n```")).singleElement()
        .satisfies(b -> assertThat(b.code()).hasSize(1 << 20));
  }
}
