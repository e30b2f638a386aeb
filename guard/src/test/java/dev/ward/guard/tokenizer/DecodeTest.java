package dev.ward.guard.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decoding whole sequences and streaming them, with the real Llama 3 vocabulary. */
class DecodeTest {
  /** " 🦙" in three tokens: " " with the first two emoji bytes, then one byte each. */
  private static final int[] SPACE_LLAMA = {11410, 99, 247};

  private Tokenizer tokenizer;

  @BeforeEach
  void loadLlama3() throws IOException {
    tokenizer = SharedFixtures.tiktoken();
  }

  @Test
  void joinsACharacterSplitOverSeveralTokens() {
    assertThat(tokenizer.encode(" 🦙")).containsExactly(SPACE_LLAMA);
    assertThat(tokenizer.decode(SPACE_LLAMA)).isEqualTo(" 🦙");
  }

  @Test
  void replacesBytesThatEndUnfinished() {
    assertThat(tokenizer.decode(new int[] {SPACE_LLAMA[0], SPACE_LLAMA[1]})).isEqualTo(" \ufffd");
    assertThat(tokenizer.decode(new int[] {SPACE_LLAMA[2]})).isEqualTo("\ufffd");
  }

  @Test
  void leavesControlTokensOutUnlessAskedToRenderThem() {
    int[] ids = {tokenizer.bos(), 9906, tokenizer.eos()};

    assertThat(tokenizer.decode(ids)).isEqualTo("Hello");
    assertThat(tokenizer.decode(ids, true)).isEqualTo("<|begin_of_text|>Hello<|eot_id|>");
  }

  @Test
  void namesAnIdOutOfRangeAndTheVocabularySize() {
    assertThatThrownBy(() -> tokenizer.decode(new int[] {9906, 128_256}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token id 128256 is out of range; the vocabulary has 128256 tokens");
    assertThatThrownBy(() -> tokenizer.decode(new int[] {-1}))
        .hasMessageContaining("token id -1 is out of range");
    assertThatThrownBy(() -> tokenizer.piece(200_000)).hasMessageContaining("token id 200000");
    assertThatThrownBy(() -> tokenizer.tokenBytes(-5)).hasMessageContaining("token id -5");
  }

  @Test
  void streamsACharacterOnceAllItsBytesHaveArrived() {
    StreamingDecoder decoder = tokenizer.streamingDecoder();

    assertThat(decoder.next(SPACE_LLAMA[0])).isEqualTo(" ");
    assertThat(decoder.next(SPACE_LLAMA[1])).isEmpty();
    assertThat(decoder.next(SPACE_LLAMA[2])).isEqualTo("🦙");
    assertThat(decoder.next(9906)).isEqualTo("Hello");
    assertThat(decoder.finish()).isEmpty();
  }

  @Test
  void streamingFinishReplacesAnUnfinishedCharacterAndStartsAfresh() {
    StreamingDecoder decoder = tokenizer.streamingDecoder();
    decoder.next(SPACE_LLAMA[0]);
    decoder.next(SPACE_LLAMA[1]);

    assertThat(decoder.finish()).isEqualTo("\ufffd");
    assertThat(decoder.next(SPACE_LLAMA[2])).isEqualTo("\ufffd");
    assertThat(decoder.next(9906)).isEqualTo("Hello");
  }

  @Test
  void streamingRendersControlTokensOnlyWhenAsked() {
    assertThat(tokenizer.streamingDecoder().next(tokenizer.eos())).isEmpty();
    assertThat(tokenizer.streamingDecoder(true).next(tokenizer.eos())).isEqualTo("<|eot_id|>");
  }

  @Test
  void streamingRejectsAnIdOutOfRangeAndKeepsItsState() {
    StreamingDecoder decoder = tokenizer.streamingDecoder();
    decoder.next(SPACE_LLAMA[0]);
    decoder.next(SPACE_LLAMA[1]);

    assertThatThrownBy(() -> decoder.next(128_256))
        .hasMessage("token id 128256 is out of range; the vocabulary has 128256 tokens");
    assertThat(decoder.next(SPACE_LLAMA[2])).isEqualTo("🦙");
  }

  @Test
  void streamingPiecesJoinToTheWholeDecodingOfAnySequence() {
    // Lone bytes make the hard cases: partial, invalid and interleaved characters.
    int[] singleBytes = IntStream.range(0, tokenizer.vocabularySize())
        .filter(id -> tokenizer.tokenBytes(id).length == 1).toArray();
    assertThat(singleBytes).hasSize(256);
    SplittableRandom random = new SplittableRandom(99);
    for (int i = 0; i < 5000; i++) {
      int[] ids = random.ints(random.nextInt(1, 24), 0, tokenizer.vocabularySize()).toArray();
      for (int j = 0; j < ids.length; j += 1 + random.nextInt(2)) {
        ids[j] = singleBytes[random.nextInt(256)];
      }
      boolean renderControl = random.nextBoolean();
      StreamingDecoder decoder = tokenizer.streamingDecoder(renderControl);
      StringBuilder streamed = new StringBuilder();
      for (int id : ids) {
        streamed.append(decoder.next(id));
      }
      streamed.append(decoder.finish());

      assertThat(streamed.toString()).isEqualTo(tokenizer.decode(ids, renderControl));
    }
  }
}
