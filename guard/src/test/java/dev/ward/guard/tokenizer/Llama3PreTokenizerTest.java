package dev.ward.guard.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written split against the Llama 3 regex it replaces, which serves as the oracle. */
class Llama3PreTokenizerTest {
  /**
   * Llama 3's pre-tokenizer regex. UNICODE_CHARACTER_CLASS makes {@code \s} Unicode White_Space
   * (so U+00A0 and U+3000 count, as in the reference) and {@code (?i)} Unicode-aware.
   */
  private static final Pattern ORACLE = Pattern.compile(
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
          + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
      Pattern.UNICODE_CHARACTER_CLASS);

  @Test
  void splitsLikeTheRegexOnRandomMixedText() {
    SplittableRandom random = new SplittableRandom(1234);
    for (int i = 0; i < 20_000; i++) {
      String text = RandomText.mixed(random, 12);
      assertThat(split(text)).as("split(\"%s\")", RandomText.escape(text))
          .containsExactlyElementsOf(oracle(text));
    }
  }

  @Test
  void splitsLikeTheRegexOnRandomCodePoints() {
    SplittableRandom random = new SplittableRandom(5678);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(16); n > 0; n--) {
        // Mostly the BMP, some astral planes; unassigned code points and lone surrogates included.
        text.appendCodePoint(random.nextInt(8) == 0 ? random.nextInt(0x110000)
            : random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10000));
      }
      String s = text.toString();
      assertThat(split(s)).as("split(\"%s\")", RandomText.escape(s))
          .containsExactlyElementsOf(oracle(s));
    }
  }

  @Test
  void splitsLikeTheRegexOnTheFixtureTexts() {
    for (var c : SharedFixtures.json("tokenizer/cases.json")) {
      String text = c.get("text").asText();
      assertThat(split(text)).as(text).containsExactlyElementsOf(oracle(text));
    }
  }

  @Test
  void readsTheAlternativesAsTheRegexDoes() {
    assertThat(split("Hello world")).containsExactly("Hello", " world");
    assertThat(split("I've 'RE 'ſ y'all")).containsExactly("I", "'ve", " '", "RE", " '", "ſ",
        " y", "'all");
    assertThat(split("1234567")).containsExactly("123", "456", "7");
    assertThat(split("(x) ?!\n\nok")).containsExactly("(x", ")", " ?!\n\n", "ok");
    // \s*[\r\n]+ ends at the last newline; \s+(?!\S) leaves the last space to the next word.
    assertThat(split("a \n  b   ")).containsExactly("a", " \n", " ", " b", "   ");
    assertThat(split("x\u00a0\u3000y")).containsExactly("x", "\u00a0", "\u3000y");
  }

  @Test
  void stopsAtTheLimitAsIfTheTextEndedThere() {
    String text = "ab  <|eot_id|>";
    List<String> pieces = new ArrayList<>();
    int limit = text.indexOf('<');
    for (int start = 0; start < limit; ) {
      int end = Llama3PreTokenizer.pieceEnd(text, start, limit);
      pieces.add(text.substring(start, end));
      start = end;
    }
    assertThat(pieces).containsExactly("ab", "  ");
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "a", "7", "!", "\n", " \n", "'s", "a ", "\u3000", "🦙"})
  void splitsAMegabyteOfOneRepeatedPatternInLinearTime(String unit) {
    String text = unit.repeat(1_000_000 / unit.length());
    // Generous: the split takes some milliseconds; a quadratic one would take hours.
    List<String> pieces = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> split(text));

    assertThat(String.join("", pieces)).isEqualTo(text);
  }

  private static List<String> split(String text) {
    List<String> pieces = new ArrayList<>();
    for (int start = 0; start < text.length(); ) {
      int end = Llama3PreTokenizer.pieceEnd(text, start, text.length());
      assertThat(end).isGreaterThan(start).isLessThanOrEqualTo(text.length());
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }

  private static List<String> oracle(String text) {
    List<String> pieces = new ArrayList<>();
    Matcher matcher = ORACLE.matcher(text);
    int covered = 0;
    while (matcher.find()) {
      assertThat(matcher.start()).as("the regex leaves no gap").isEqualTo(covered);
      pieces.add(matcher.group());
      covered = matcher.end();
    }
    assertThat(covered).isEqualTo(text.length());
    return pieces;
  }
}
