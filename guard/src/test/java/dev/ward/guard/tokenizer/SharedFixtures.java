package dev.ward.guard.tokenizer;

import dev.ward.guard.Fixtures;
import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.gguf.GgufMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Llama 3 tokenizer, loaded from the shared fixtures both ways once per test run; tests
 * that use them are skipped, with a message, where the folder is absent (see {@link Fixtures}).
 */
final class SharedFixtures {
  private static Tokenizer tiktoken;
  private static GgufMetadata ggufMetadata;
  private static Tokenizer gguf;

  private SharedFixtures() {}

  static Path file(String relative) {
    return Fixtures.fixture(relative);
  }

  static JsonNode json(String relative) {
    return Fixtures.json(relative);
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

  /** The metadata of the tiny Llama 3 GGUF model, which carries the real vocabulary. */
  static synchronized GgufMetadata ggufMetadata() {
    Path model = file("models/tiny-llama3-q8_0.gguf");
    if (ggufMetadata == null) {
      try (GgufFile file = GgufFile.open(model)) {
        ggufMetadata = file.metadata();
      }
    }
    return ggufMetadata;
  }

  /** Llama 3 from the vocabulary in a GGUF model file. */
  static synchronized Tokenizer gguf() {
    if (gguf == null) {
      gguf = Tokenizer.fromGguf(ggufMetadata());
    }
    return gguf;
  }
}
