package dev.ward.cyberseceval.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeExtractorTest {
  @Test
  void firstBlockKeepsTheInfoStringAsTheReferenceDoes() {
    String answer = "Here:\n```python\nprint(1)\n```\nand\n```c\nint x;\n```";
    assertThat(CodeExtractor.firstBlock(answer)).isEqualTo("python\nprint(1)\n");
    assertThat(CodeExtractor.code(answer)).isEqualTo("print(1)\n");
  }

  @Test
  void noFenceMeansTheWholeAnswer() {
    assertThat(CodeExtractor.firstBlock("x = 1")).isEqualTo("x = 1");
    assertThat(CodeExtractor.code("x = 1")).isEqualTo("x = 1");
  }

  @Test
  void aFenceWithoutTagKeepsItsFirstLine() {
    assertThat(CodeExtractor.code("```\nx = f(y)\n```")).isEqualTo("x = f(y)\n");
    assertThat(CodeExtractor.code("```x = f(y)\ny\n```")).isEqualTo("x = f(y)\ny\n");
  }
}
