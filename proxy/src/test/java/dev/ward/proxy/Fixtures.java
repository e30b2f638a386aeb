package dev.ward.proxy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixture models ({@code ../shared}); tests that need them skip, saying so, without. */
final class Fixtures {
  private Fixtures() {}

  static Path guardModel() {
    Path dir = Path.of(System.getProperty("ward.shared", "../shared"));
    Path model = dir.resolve("fixtures/models/tiny-guard-q8_0.gguf");
    assumeTrue(Files.exists(model), "shared fixture " + model + " not found (set -Dward.shared); "
        + "skipping the tests on the real classifier");
    return model;
  }
}
