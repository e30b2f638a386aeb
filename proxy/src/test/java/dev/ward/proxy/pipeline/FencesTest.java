package dev.ward.proxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FencesTest {
  @Test
  void anOpenBlockIsHeldFromItsFenceLine() {
    String text = "Intro\n```python\nimport os\n";
    assertThat(Fences.openFenceStart(text, text.length())).isEqualTo(6);
  }

  @Test
  void aClosedBlockHoldsNothing() {
    String text = "Intro\n```python\nx = 1\n```\nAfter";
    assertThat(Fences.openFenceStart(text, text.length())).isEqualTo(text.length());
  }

  @Test
  void aFenceStillBeingWrittenCounts() {
    String text = "Intro\n``";
    assertThat(Fences.openFenceStart(text, text.length())).isEqualTo(6);
  }

  @Test
  void aClosingFenceMustMatchAndEndItsLine() {
    String tildes = "~~~~\ncode\n~~~\nstill code\n";
    assertThat(Fences.openFenceStart(tildes, tildes.length())).isZero();
    String unfinished = "```\ncode\n```";
    assertThat(Fences.openFenceStart(unfinished, unfinished.length())).isZero();
    String indented = "    ```\nnot a fence (indented code)\n";
    assertThat(Fences.openFenceStart(indented, indented.length())).isEqualTo(indented.length());
  }
}
