package dev.ward.guardrails;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.PromptFormat;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared fixtures ({@code ../shared/fixtures}, passed by Surefire as {@code ward.shared});
 * tests that need them are skipped, with a message, when they are absent.
 */
final class Fixtures {
  private Fixtures() {}

  static Path model(String name) {
    Path dir = Path.of(System.getProperty("ward.shared", "../shared")).toAbsolutePath().normalize();
    Path file = dir.resolve("fixtures/models").resolve(name);
    assumeTrue(Files.isRegularFile(file), "fixture " + file + " not found; skipping");
    return file;
  }

  /**
   * The tiny Llama Guard fixture: Llama Guard 2's prompt format, random weights whose P(unsafe)
   * lands between 0.6 and 0.9 on short prompts.
   */
  static Path tinyGuard() {
    return model("tiny-guard-q8_0.gguf");
  }

  static LlamaGuard.Options.Builder options() {
    return LlamaGuard.Options.builder().format(PromptFormat.llamaGuard2()).threads(2);
  }
}
