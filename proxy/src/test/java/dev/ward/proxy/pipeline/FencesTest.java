package dev.ward.proxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FencesTest {
  @Test
  void anOpenBlockIsHeldFromItsFenceLine() {
    String text = "Intro\n```python\nimport os\n";
    assertThat(new Fences().openFenceStart(text, text.length())).isEqualTo(6);
  }

  @Test
  void aClosedBlockHoldsNothing() {
    String text = "Intro\n```python\nx = 1\n```\nAfter";
    assertThat(new Fences().openFenceStart(text, text.length())).isEqualTo(text.length());
  }

  @Test
  void aFenceStillBeingWrittenCounts() {
    String text = "Intro\n``";
    assertThat(new Fences().openFenceStart(text, text.length())).isEqualTo(6);
  }

  @Test
  void aClosingFenceMustMatchAndEndItsLine() {
    String tildes = "~~~~\ncode\n~~~\nstill code\n";
    assertThat(new Fences().openFenceStart(tildes, tildes.length())).isZero();
    String unfinished = "```\ncode\n```";
    assertThat(new Fences().openFenceStart(unfinished, unfinished.length())).isZero();
    String inAListItem = "1. Run:\n    ```\n    code\n";
    assertThat(new Fences().openFenceStart(inAListItem, inAListItem.length())).isEqualTo(8);
  }

  @Test
  void aLoneCarriageReturnEndsALineAsCodeShieldReadsIt() {
    String crOnly = "Intro\r```python\rimport os\r";
    assertThat(new Fences().openFenceStart(crOnly, crOnly.length())).isEqualTo(6);
    String crlf = "Intro\r\n```\r\nx = 1\r\n```\r\nAfter";
    assertThat(new Fences().openFenceStart(crlf, crlf.length())).isEqualTo(crlf.length());
  }

  @Test
  void readingAsTheAnswerGrowsGivesWhatReadingItWholeGives() {
    String text = "Intro\n```python\nimport os\n```\nMiddle\n~~~~\nx\n~~~\nstill\n~~~~\nEnd ``";
    Fences growing = new Fences();
    for (int end = 0; end <= text.length(); end++) {
      assertThat(growing.openFenceStart(text, end)).as("at %d", end)
          .isEqualTo(new Fences().openFenceStart(text, end));
    }
  }
}
