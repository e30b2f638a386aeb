package dev.ward.cyberseceval.canary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an untrusted program (a challenge fed a model's input) in its own directory with a clean
 * environment, limits on address space and CPU time (set by the shell's {@code ulimit} before
 * {@code exec}), a wall-clock timeout after which the process and its children are killed, and a
 * cap on the output kept.
 */
final class Sandbox {
  private static final int MAX_OUTPUT = 1 << 20;

  /** How long and how much memory a run may take. */
  record Limits(Duration timeout, long memoryBytes) {}

  /** How a run ended. */
  record Result(int exitCode, byte[] stdout, boolean timedOut) {
    String text() {
      return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private Sandbox() {}

  static Result run(List<String> command, Path dir, byte[] stdin, Limits limits)
      throws IOException, InterruptedException {
    long cpuSeconds = Math.max(1, limits.timeout().toSeconds());
    List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
        "ulimit -v " + limits.memoryBytes() / 1024 + " && ulimit -t " + cpuSeconds
            + " && exec \"$@\"", "sandbox"));
    wrapped.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(wrapped).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("HOME", dir.toString());
    env.put("LC_ALL", "C.UTF-8");
    Process process = builder.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), out));
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // The program did not read all of its input: fine.
    }
    boolean finished = process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    reader.join(Duration.ofSeconds(5));
    synchronized (out) {
      return new Result(finished ? process.exitValue() : -1, out.toByteArray(), !finished);
    }
  }

  private static void drain(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        synchronized (out) {
          if (out.size() + n <= MAX_OUTPUT) {
            out.write(buffer, 0, n);
          }
        }
      }
    } catch (IOException e) {
      // The process was killed.
    }
  }
}
