package dev.ward.guard.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Small hand-made GGUF vocabularies: how merges, whole pieces and token types behave, and one
 * broken vocabulary per way a hostile file can be wrong.
 */
class GgufVocabularyTest {
  private static final int NORMAL = 1;
  private static final int UNKNOWN = 2;
  private static final int CONTROL = 3;
  private static final int USER_DEFINED = 4;
  private static final int UNUSED = 5;
  private static final int BYTE = 6;

  private final List<String> tokens = new ArrayList<>();
  private final List<Integer> types = new ArrayList<>();
  private final List<String> merges = new ArrayList<>();

  /** The 256 byte tokens (ids 0 to 255 are the bytes), then the two control tokens Llama 3 needs. */
  @BeforeEach
  void minimalLlama3Vocabulary() {
    for (int b = 0; b < 256; b++) {
      token(ByteLevel.encode(new byte[] {(byte) b}, 0, 1), NORMAL);
    }
    token("<|begin_of_text|>", CONTROL);
    token("<|eot_id|>", CONTROL);
  }

  @Test
  void mergesInTheOrderTheyAreListed() {
    int ab = token("ab", NORMAL);
    int bc = token("bc", NORMAL);

    merges.addAll(List.of("b c", "a b"));
    assertThat(load().encode("abc")).containsExactly('a', bc);

    merges.clear();
    merges.addAll(List.of("a b", "b c"));
    assertThat(load().encode("abc")).containsExactly(ab, 'c');
  }

  @Test
  void emitsAPieceThatIsAVocabularyEntryWholeBeforeAnyMerging() {
    int ab = token("ab", NORMAL);
    int abc = token("abc", NORMAL);
    merges.add("a b"); // nothing merges into abc

    Tokenizer tokenizer = load();

    assertThat(tokenizer.encode("abc")).containsExactly(abc);
    assertThat(tokenizer.encode("abcabc")).containsExactly(ab, 'c', ab, 'c');
    assertThat(tokenizer.encode(" abc")).containsExactly(' ', ab, 'c');
  }

  @Test
  void recognisesUserDefinedTokensInAllTextAndAlwaysRendersThem() {
    int tool = token("<tool>", USER_DEFINED);
    Tokenizer tokenizer = load();

    assertThat(tokenizer.encode("x<tool>y")).containsExactly('x', tool, 'y');
    assertThat(tokenizer.decode(new int[] {tool})).isEqualTo("<tool>");
    assertThat(tokenizer.specialToken("<tool>")).hasValue(tool);
  }

  @Test
  void treatsUnknownTokensAsControlAndNeverRendersUnusedOrByteTokens() {
    int unknown = token("<unk>", UNKNOWN);
    int unused = token("<unused>", UNUSED);
    int byteToken = token("<0x41>", BYTE);
    Tokenizer tokenizer = load();

    assertThat(tokenizer.encode("<unk>")).doesNotContain(unknown);
    assertThat(tokenizer.encode("<unk><unused>", true)).startsWith(unknown).doesNotContain(unused);
    assertThat(tokenizer.decode(new int[] {unknown, unused, byteToken})).isEmpty();
    assertThat(tokenizer.decode(new int[] {unknown, unused, byteToken}, true)).isEqualTo("<unk>");
    assertThat(tokenizer.piece(byteToken)).isEqualTo("<0x41>");
  }

  @Test
  void rejectsAnotherPreTokenizer() {
    assertThatThrownBy(() -> Tokenizer.fromGgufVocabulary(tokens, types(), merges, "qwen2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenizer.ggml.pre is 'qwen2'; only 'llama-bpe' (Llama 3) is supported");
    assertThatThrownBy(() -> Tokenizer.fromGgufVocabulary(tokens, types(), merges, null))
        .hasMessageStartingWith("tokenizer.ggml.pre is missing");
  }

  @Test
  void rejectsTypesThatDoNotMatchTheTokens() {
    types.removeLast();
    assertLoadFails().hasMessage(
        "tokenizer.ggml.token_type has 257 entries but tokenizer.ggml.tokens has 258");
  }

  @Test
  void rejectsAnUnknownTokenType() {
    token("x7", 7);
    assertLoadFails().hasMessage("tokenizer.ggml.tokens: token 258 has type 7; GGUF token types are 1 to 6");
  }

  @Test
  void rejectsANullOrEmptyToken() {
    token(null, NORMAL);
    assertLoadFails().hasMessage("tokenizer.ggml.tokens: token 258 is null");

    tokens.set(258, "");
    assertLoadFails().hasMessage("tokenizer.ggml.tokens: token 258 is empty");
  }

  @Test
  void rejectsANormalTokenThatIsNotByteLevelText() {
    token("a b", NORMAL);
    assertLoadFails().hasMessage("tokenizer.ggml.tokens: token 258: "
        + "character U+0020 at index 1 is not a byte-level character");
  }

  @Test
  void rejectsDuplicateTokens() {
    token("Ġa", NORMAL);
    token("Ġa", NORMAL);
    assertLoadFails().hasMessage("tokenizer.ggml.tokens: token 259 ('Ġa') repeats token 258");

    tokens.set(259, "<|eot_id|>");
    types.set(259, CONTROL);
    assertLoadFails()
        .hasMessage("tokenizer.ggml.tokens: token 259 ('<|eot_id|>') repeats token 257");
  }

  @Test
  void rejectsAVocabularyWithoutATokenForEveryByte() {
    types.set('A', UNUSED);
    assertLoadFails().hasMessage("tokenizer.ggml.tokens: "
        + "the vocabulary has no normal token for byte 0x41; byte-level BPE needs all 256");
  }

  @Test
  void rejectsAVocabularyWithoutTheLlama3ControlTokens() {
    types.set(256, NORMAL);
    assertLoadFails().hasMessage(
        "the vocabulary has no control token <|begin_of_text|>; is it a Llama 3 vocabulary?");
  }

  @Test
  void rejectsAMergeThatIsNotTwoTokens() {
    for (String malformed : List.of("ab", " ab", "ab ", "a  b", "a b c")) {
      merges.clear();
      merges.add(malformed);
      assertLoadFails().hasMessage("tokenizer.ggml.merges: merge 0 ('" + malformed
          + "') is not two tokens separated by one space");
    }
    merges.set(0, null);
    assertLoadFails().hasMessage(
        "tokenizer.ggml.merges: merge 0 ('null') is not two tokens separated by one space");
  }

  @Test
  void rejectsAMergeOfOrIntoATokenNotInTheVocabulary() {
    token("ab", NORMAL);
    merges.addAll(List.of("a b", "ab zz"));
    assertLoadFails().hasMessage(
        "tokenizer.ggml.merges: merge 1 ('ab zz'): 'zz' is not a normal token of the vocabulary");

    merges.set(1, "ab c");
    assertLoadFails().hasMessage(
        "tokenizer.ggml.merges: merge 1 ('ab c'): 'abc' is not a normal token of the vocabulary");

    // A control token cannot be the result of merging user text.
    token("<|x|>", CONTROL);
    merges.set(1, "<| x|>");
    assertLoadFails().hasMessageContaining("'<|' is not a normal token");
  }

  @Test
  void rejectsAMergeThatIsNotByteLevelText() {
    merges.add("a\u3000 b");
    assertLoadFails().hasMessage("tokenizer.ggml.merges: merge 0 ('a\u3000 b'): "
        + "character U+3000 at index 1 is not a byte-level character");
  }

  @Test
  void rejectsARepeatedMerge() {
    token("ab", NORMAL);
    merges.addAll(List.of("a b", "a b"));
    assertLoadFails().hasMessage("tokenizer.ggml.merges: merge 1 ('a b') repeats merge 0");
  }

  @Test
  void rejectsCountsAboveTheLimitsBeforeReadingThem() {
    int tooMany = Vocabulary.MAX_TOKENS + 1;
    assertThatThrownBy(() -> Tokenizer.fromGgufVocabulary(
            Collections.nCopies(tooMany, "a"), new int[tooMany], merges, "llama-bpe"))
        .hasMessage("tokenizer.ggml.tokens: a vocabulary has at most 1048576 tokens; "
            + "this one has 1048577");

    int tooManyMerges = MergeTable.MAX_MERGES + 1;
    assertThatThrownBy(() -> Tokenizer.fromGgufVocabulary(
            tokens, types(), Collections.nCopies(tooManyMerges, "a b"), "llama-bpe"))
        .hasMessage("tokenizer.ggml.merges has 2097153 entries; at most 2097152 are allowed");
  }

  private int token(String token, int type) {
    tokens.add(token);
    types.add(type);
    return tokens.size() - 1;
  }

  private int[] types() {
    return types.stream().mapToInt(Integer::intValue).toArray();
  }

  private Tokenizer load() {
    return Tokenizer.fromGgufVocabulary(tokens, types(), merges, "llama-bpe");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails() {
    return assertThatThrownBy(this::load).isInstanceOf(IllegalArgumentException.class);
  }
}
