package dev.ward.guard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On a machine whose vectors are 128 bits (SSE, NEON), loading a model says what is missing
 * instead of failing in a class initializer. Run in a JVM held to 128-bit vectors.
 */
class NarrowVectorsTest {
  @Test
  void aModelRefusesToLoadWithTheReason() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process probe = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
        "-XX:MaxVectorSize=16", "-cp", System.getProperty("java.class.path"),
        Probe.class.getName()).redirectErrorStream(true).start();
    try {
      assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM finished").isTrue();
      String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out).contains("refused: in-process inference needs SIMD vectors of 256 or 512 bits")
          .contains("this JVM's are 128 bits");
    } finally {
      probe.destroyForcibly();
    }
  }

  /** Loads a model (the check comes before the file is read) and prints what it was told. */
  static final class Probe {
    public static void main(String[] args) {
      try (LlamaModel model = LlamaModel.load(Path.of("any.gguf"), 1)) {
        System.out.println("loaded " + model);
      } catch (UnsupportedOperationException e) {
        System.out.println("refused: " + e.getMessage());
      }
    }
  }
}
