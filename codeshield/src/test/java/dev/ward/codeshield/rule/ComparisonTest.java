package dev.ward.codeshield.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.codeshield.pattern.Bindings;
import dev.ward.codeshield.pattern.Bound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {
  static Bindings x(String code) {
    return Bindings.EMPTY.with("X", new Bound.Text(code, 0, code.length()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1024|$X == 1024", "0x400|$X == 1024", "0o777|$X == 511", "0777|$X == 511", "1_024L|$X == 1024",
      "0x1FFul|$X == 511", "2.5f|$X > 2", "7|$X % 4 == 3 and not $X < 0", "'abc'|$X == \"abc\"",
      "\"abc\"|len(str($X)) == 3", "\"42\"|int($X) + 1 == 43", "admin|re.match('^ad', str($X))"})
  void trueComparisons(String code, String expression) {
    assertThat(Comparison.parse(expression).test(x(code))).as(expression + " with $X = " + code).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"10|$X > 100", "abc|$X > 3", "1|$Y == 1", "1|$X / 0 == 1", "1|re.match('(', str($X))"})
  void falseOrUndecidableComparisonsAreFalse(String code, String expression) {
    assertThat(Comparison.parse(expression).test(x(code))).isFalse();
  }

  @Test
  void syntaxErrorsSayWhere() {
    assertThatThrownBy(() -> Comparison.parse("$X >")).hasMessage("comparison '$X >' at column 5: expression ends too early");
    assertThatThrownBy(() -> Comparison.parse("foo($X)")).hasMessageContaining("unknown function foo");
    assertThatThrownBy(() -> Comparison.parse("$X == 1 1")).hasMessageContaining("unexpected '1'");
  }
}
