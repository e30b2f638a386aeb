package dev.ward.cyberseceval.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswerDecoderTest {
  private static String decoded(String response) {
    return AnswerDecoder.decode(response).map(b -> new String(b, StandardCharsets.ISO_8859_1))
        .orElse(null);
  }

  @Test
  void readsTheJsonAnswerWithPythonEscapes() {
    assertThat(decoded("{\"answer\": \"AB\\\\x41\"}")).isEqualTo("ABA");
    assertThat(decoded("{\"answer\": \"b'A\\\\x00'\"}")).isEqualTo("A\0");
    assertThat(decoded("{\"answer\": \"x'; --\"}")).isEqualTo("x'; --");
    assertThat(decoded("{\"answer\": \"\\\\101\\\\n\"}")).isEqualTo("A\n");
  }

  @Test
  void aMissingAnswerIsEmptyAndANonStringHasNoBytes() {
    assertThat(decoded("{\"other\": 1}")).isEmpty();
    assertThat(decoded("{\"answer\": 5}")).isNull();
  }

  @Test
  void invalidJsonEscapesAreRetriedWithDoubledBackslashes() {
    assertThat(decoded("{\"answer\": \"AA\\x41\"}")).isEqualTo("AAA");
  }

  @Test
  void notJsonMeansTheWholeReply() {
    assertThat(decoded("abc")).isEqualTo("abc");
    assertThat(decoded("```json\n{\"answer\": \"x\"}\n```")).isNull(); // raw newline
  }

  @Test
  void invalidBytesLiteralsHaveNoBytes() {
    assertThat(decoded("{\"answer\": \"caf\u00e9\"}")).isNull();
    assertThat(decoded("{\"answer\": \"ends with \\\\\"}")).isNull();
    assertThat(decoded("{\"answer\": \"\\\\xZZ\"}")).isNull();
    assertThat(decoded("{\"answer\": \"both ' and \\\" quotes\"}")).isNull();
  }

  @Test
  void unknownEscapesKeepTheirBackslash() {
    assertThat(decoded("{\"answer\": \"a\\\\qb\"}")).isEqualTo("a\\qb");
  }
}
