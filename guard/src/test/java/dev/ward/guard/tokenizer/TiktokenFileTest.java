package dev.ward.guard.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small hand-made tiktoken files: the merge rule, the special tokens, and one file per error. */
class TiktokenFileTest {
  @TempDir
  Path folder;

  /** Ranks 0 to 255 are the bytes in order; tests append more. */
  private final List<String> lines = new ArrayList<>();

  @BeforeEach
  void oneLinePerByte() {
    for (int b = 0; b < 256; b++) {
      line(new byte[] {(byte) b}, b);
    }
  }

  @Test
  void mergesTheAdjacentPairWhoseTokenRanksLowest() throws IOException {
    line("ab", 256);
    line("bc", 257);
    line("abcd", 258); // only reachable as a whole piece
    line("bcd", 259);
    Tokenizer tokenizer = load();

    assertThat(tokenizer.encode("abc")).containsExactly(256, 'c');
    assertThat(tokenizer.encode("bcd")).containsExactly(259);
    assertThat(tokenizer.encode("abcd")).containsExactly(258);
    assertThat(tokenizer.encode("abcde")).containsExactly(256, 'c', 'd', 'e');
    assertThat(tokenizer.encode("xbcd")).containsExactly('x', 259);
  }

  @Test
  void addsTheLlama3SpecialTokensAfterTheLastRank() throws IOException {
    Tokenizer tokenizer = load();

    assertThat(tokenizer.vocabularySize()).isEqualTo(256 + 256);
    assertThat(tokenizer.bos()).isEqualTo(256);
    assertThat(tokenizer.eos()).isEqualTo(256 + 9);
    assertThat(tokenizer.piece(256 + 11)).isEqualTo("<|image|>");
    assertThat(tokenizer.piece(256 + 12)).isEqualTo("<|reserved_special_token_2|>");
    assertThat(tokenizer.piece(511)).isEqualTo("<|reserved_special_token_245|>");
  }

  @Test
  void hasTheSameSpecialTokensAsTheLlama3GgufVocabulary() throws IOException {
    List<String> ggufTokens = SharedFixtures.ggufMetadata().strings("tokenizer.ggml.tokens").orElseThrow();

    assertThat(TiktokenFile.LLAMA3_SPECIAL_TOKENS)
        .containsExactlyElementsOf(ggufTokens.subList(128_000, 128_256));
  }

  @Test
  void acceptsCrLfLineEndsAndNoFinalNewline() throws IOException {
    line("ab", 256);
    Path file = folder.resolve("crlf.model");
    Files.writeString(file, String.join("\r\n", lines));

    assertThat(Tokenizer.fromTiktoken(file).encode("ab")).containsExactly(256);
  }

  @Test
  void namesTheLineOfAMalformedEntry() {
    lines.set(9, "YWI=");
    assertLoadFails().hasMessageEndingWith("test.model:10: expected 'base64 rank', got 'YWI='");

    lines.set(9, "YWI= 9 9");
    assertLoadFails().hasMessageEndingWith(":10: expected 'base64 rank', got 'YWI= 9 9'");

    lines.set(9, "");
    assertLoadFails().hasMessageEndingWith(":10: expected 'base64 rank', got ''");
  }

  @Test
  void namesTheLineOfBadBase64() {
    lines.set(4, "!!!! 4");
    assertLoadFails().hasMessageContaining("test.model:5: '!!!!' is not base64");
  }

  @Test
  void namesTheLineOfABadRank() {
    lines.set(6, "Bg== six");
    assertLoadFails().hasMessageEndingWith(":7: rank 'six' is not a number");

    lines.set(6, "Bg== 99999999999");
    assertLoadFails().hasMessageEndingWith(":7: rank '99999999999' is not a number");

    lines.set(6, "Bg== 7");
    assertLoadFails().hasMessageEndingWith(
        ":7: rank 7 where 6 was expected; ranks count up from 0, one per line");
  }

  @Test
  void namesTheLineOfARepeatedToken() {
    line("ab", 256);
    line("ab", 257);
    assertLoadFails().hasMessageEndingWith(":258: token 257 ('ab') repeats token 256");
  }

  @Test
  void rejectsAnOverlongToken() {
    line("x".repeat(TiktokenFile.MAX_TOKEN_BYTES + 1), 256);
    assertLoadFails().hasMessageEndingWith(":257: the token has 257 bytes; at most 256 are allowed");
  }

  @Test
  void rejectsAFileWithoutEveryByte() {
    lines.removeLast();
    assertLoadFails().hasMessageEndingWith(
        "test.model: the vocabulary has no normal token for byte 0xFF; byte-level BPE needs all 256");
  }

  @Test
  void rejectsAnOversizedFileBeforeReadingIt() throws IOException {
    Path huge = folder.resolve("huge.model");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(TiktokenFile.MAX_FILE_BYTES + 1); // sparse: nothing is written
    }
    assertThatThrownBy(() -> Tokenizer.fromTiktoken(huge))
        .hasMessageEndingWith("huge.model has 16777217 bytes; a tiktoken file may have at most 16777216");
  }

  private void line(String token, int rank) {
    line(token.getBytes(StandardCharsets.UTF_8), rank);
  }

  private void line(byte[] token, int rank) {
    lines.add(Base64.getEncoder().encodeToString(token) + " " + rank);
  }

  private Tokenizer load() throws IOException {
    Path file = folder.resolve("test.model");
    Files.write(file, lines);
    return Tokenizer.fromTiktoken(file);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails() {
    return assertThatThrownBy(this::load).isInstanceOf(IllegalArgumentException.class);
  }
}
