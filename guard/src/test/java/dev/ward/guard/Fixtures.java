package dev.ward.guard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared fixtures ({@code ../shared/fixtures} from the project root, passed by Surefire as
 * {@code ward.shared}). Tests that need them are skipped, with a message, when they are absent.
 */
public final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  public static Path shared() {
    String property = System.getProperty("ward.shared", "../shared");
    Path dir = Path.of(property).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(dir.resolve("fixtures")),
        "shared fixtures not found at " + dir + " (set -Dward.shared); skipping");
    return dir;
  }

  public static Path fixture(String relative) {
    Path file = shared().resolve("fixtures").resolve(relative);
    assumeTrue(Files.exists(file), "fixture " + file + " not found; skipping");
    return file;
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(fixture(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
