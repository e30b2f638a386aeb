package dev.ward.cyberseceval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** sacrebleu 2.x values, as the reference runner computes them. */
class BleuTest {
  @Test
  void identicalIsAHundred() {
    assertThat(Bleu.score("int x = 1;", "int x = 1;")).isCloseTo(100, within(1e-9));
  }

  @Test
  void oneTokenOffIsFifty() {
    assertThat(Bleu.score("int x = 1;\nreturn x;", "int x = 2;\nreturn x;"))
        .isCloseTo(50.0, within(1e-3));
  }

  @Test
  void noBigramMatchIsZero() {
    assertThat(Bleu.score("a b", "a c d e")).isEqualTo(0);
  }

  @Test
  void fenceTagCountsAsAToken() {
    assertThat(Bleu.score("python\nprint('hi')\n", "print('hi')")).isCloseTo(66.874, within(1e-3));
  }

  @Test
  void emptyHypothesisIsZero() {
    assertThat(Bleu.score("", "print(1)")).isEqualTo(0);
  }

  @Test
  void tokenizes13a() {
    assertThat(Bleu.tokenize("a.b, 3.14 x-1 5-3 f(x)&&y; &lt;tag&gt;"))
        .containsExactly("a", ".", "b", ",", "3.14", "x-1", "5", "-", "3", "f", "(", "x", ")", "&",
            "&", "y", ";", "<", "tag", ">");
  }
}
