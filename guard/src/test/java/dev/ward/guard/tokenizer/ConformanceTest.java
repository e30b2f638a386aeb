package dev.ward.guard.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real Llama 3 vocabulary, loaded from tiktoken and from GGUF, against llama.cpp's ids in the
 * shared fixtures, and the two loaders against each other.
 */
class ConformanceTest {

  enum Loader {
    TIKTOKEN, GGUF;

    Tokenizer load() throws IOException {
      return this == TIKTOKEN ? SharedFixtures.tiktoken() : SharedFixtures.gguf();
    }
  }

  @ParameterizedTest
  @EnumSource(Loader.class)
  void everyTokenizerCaseMatchesLlamaCpp(Loader loader) throws IOException {
    Tokenizer tokenizer = loader.load();
    JsonNode cases = SharedFixtures.json("tokenizer/cases.json");

    assertThat(cases.size()).isGreaterThan(30);
    for (JsonNode c : cases) {
      String text = c.get("text").asText();
      assertThat(tokenizer.encode(text)).as("encode(%s)", text).containsExactly(ids(c.get("ids")));
      assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
    }
  }

  @ParameterizedTest
  @EnumSource(Loader.class)
  void modelPromptsWithSpecialTokensMatchLlamaCpp(Loader loader) throws IOException {
    Tokenizer tokenizer = loader.load();
    int checked = 0;
    for (Path file : SharedFixtures.files("models", ".llamacpp.json")) {
      for (JsonNode prompt : SharedFixtures.json("models/" + file.getFileName())) {
        String text = prompt.get("prompt").asText();
        assertThat(tokenizer.encode(text, true)).as("%s: %s", file.getFileName(), text)
            .containsExactly(ids(prompt.get("tokens")));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(12);
  }

  @ParameterizedTest
  @EnumSource(Loader.class)
  void llamaGuardPromptsAfterBosMatchLlamaCpp(Loader loader) throws IOException {
    Tokenizer tokenizer = loader.load();
    JsonNode prompts = SharedFixtures.json("llama-guard/lg2-prompts.json");

    assertThat(prompts.size()).isPositive();
    for (JsonNode prompt : prompts) {
      String text = prompt.get("prompt").asText();
      int[] withBos = IntStream.concat(
          IntStream.of(tokenizer.bos()), IntStream.of(tokenizer.encode(text))).toArray();
      assertThat(withBos).as(text).containsExactly(ids(prompt.get("tokens")));
    }
  }

  @Test
  void bothLoadersSpellEveryTokenAsTheGgufFileDoes() throws IOException {
    List<String> tokens =
        SharedFixtures.ggufMetadata().strings("tokenizer.ggml.tokens").orElseThrow();
    Tokenizer tiktoken = SharedFixtures.tiktoken();
    Tokenizer gguf = SharedFixtures.gguf();

    assertThat(tiktoken.vocabularySize()).isEqualTo(gguf.vocabularySize())
        .isEqualTo(tokens.size()).isEqualTo(128_256);
    for (int id = 0; id < tokens.size(); id++) {
      assertThat(tiktoken.piece(id)).isEqualTo(tokens.get(id));
      assertThat(gguf.piece(id)).isEqualTo(tokens.get(id));
    }
    assertThat(tiktoken.toString()).isEqualTo(gguf.toString())
        .isEqualTo("Tokenizer[128256 tokens, 280147 merges]");
  }

  @Test
  void bothLoadersAgreeOnRandomText() throws IOException {
    Tokenizer tiktoken = SharedFixtures.tiktoken();
    Tokenizer gguf = SharedFixtures.gguf();
    SplittableRandom random = new SplittableRandom(20240611);

    for (int i = 0; i < 3000; i++) {
      String text = RandomText.mixed(random, 60);
      assertThat(gguf.encode(text)).as("encode(%s)", RandomText.escape(text))
          .containsExactly(tiktoken.encode(text));
    }
  }

  private static int[] ids(JsonNode array) {
    int[] ids = new int[array.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = array.get(i).asInt();
    }
    return ids;
  }
}
