package dev.ward.guard.tokenizer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared conformance fixtures ({@code ../shared/fixtures}, found through the system property
 * {@code ward.shared} that Surefire sets) and the real Llama 3 tokenizer loaded from them both ways,
 * once per test run. Tests that use them are skipped, with a message, where the folder is absent.
 */
final class SharedFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Tokenizer tiktoken;
  private static GgufTokenizerArrays ggufArrays;
  private static Tokenizer gguf;

  private SharedFixtures() {}

  /** {@code <ward.shared>/fixtures/<relative>}; skips the calling test if the folder is absent. */
  static Path file(String relative) {
    String shared = System.getProperty("ward.shared");
    Path fixtures = shared == null ? null : Path.of(shared, "fixtures");
    assumeTrue(fixtures != null && Files.isDirectory(fixtures),
        "shared fixtures not found (system property ward.shared = " + shared + "); skipping");
    Path file = fixtures.resolve(relative);
    assumeTrue(Files.exists(file), "fixture " + file + " not found; skipping");
    return file;
  }

  static JsonNode json(String relative) {
    try {
      return JSON.readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files in {@code <fixtures>/<folder>} whose names end with {@code suffix}, sorted. */
  static Iterable<Path> files(String folder, String suffix) {
    try (var listing = Files.list(file(folder))) {
      return listing.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Llama 3 from Meta's tiktoken {@code tokenizer.model}. */
  static synchronized Tokenizer tiktoken() throws IOException {
    Path model = file("tokenizer/llama3-tokenizer.model");
    if (tiktoken == null) {
      tiktoken = Tokenizer.fromTiktoken(model);
    }
    return tiktoken;
  }

  /** The tokenizer arrays of the tiny Llama 3 GGUF model, which carries the real vocabulary. */
  static synchronized GgufTokenizerArrays ggufArrays() throws IOException {
    Path model = file("models/tiny-llama3-q8_0.gguf");
    if (ggufArrays == null) {
      ggufArrays = GgufTokenizerArrays.read(model);
    }
    return ggufArrays;
  }

  /** Llama 3 from the vocabulary in a GGUF model file. */
  static synchronized Tokenizer gguf() throws IOException {
    if (gguf == null) {
      GgufTokenizerArrays arrays = ggufArrays();
      gguf = Tokenizer.fromGgufVocabulary(
          arrays.tokens(), arrays.tokenTypes(), arrays.merges(), arrays.pre());
    }
    return gguf;
  }
}
