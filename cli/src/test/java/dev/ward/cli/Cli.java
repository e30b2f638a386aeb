package dev.ward.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the {@code ward} command in process with a given stdin and captures what it prints. */
final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Result(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (Exception e) {
        throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  private Cli() {}

  static Result run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = WardCommand.commandLine(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A file of the shared fixtures; skips the test when they are absent. */
  static String fixture(String relative) {
    Path dir = Path.of(System.getProperty("ward.shared", "../shared")).resolve("fixtures");
    Path file = dir.resolve(relative);
    assumeTrue(Files.exists(file), "shared fixture " + file + " not found; skipping");
    return file.toString();
  }
}
