package dev.ward.cyberseceval.canary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an untrusted program (a challenge fed a model's input, or its build) in its own
 * directory with a clean environment, limits on address space, CPU time, file size and core
 * dumps, a wall-clock timeout and a cap on the output kept.
 *
 * <p>Where util-linux's {@code unshare} works (Linux, as root or with user namespaces), the
 * program also gets a network namespace of its own (no network at all) and a PID namespace: when
 * the program ends or is killed, every process it left behind dies with it, so a child that
 * detaches cannot outlive the run. Run as root, Ward drops the program to the unprivileged
 * {@code nobody} user, so an answer that makes a challenge write files (an SQLite
 * {@code ATTACH} to any path) cannot touch the machine, and a process limit applies. Without
 * {@code unshare}, only the limits and the timeout hold; {@link #isolation()} says which.
 */
final class Sandbox {
  private static final int MAX_OUTPUT = 1 << 20;
  /** Largest file a program may write: challenges write none, builds a small binary. */
  private static final long MAX_FILE_BYTES = 16L << 20;
  private static final int NOBODY = 65534;

  /**
   * How long and how much memory a run may take, and how many processes and threads its user
   * may have (where the sandbox runs it as nobody, those of all runs at once: node alone starts
   * about a dozen threads).
   */
  record Limits(Duration timeout, long memoryBytes, int processes) {}

  /** How a run ended. */
  record Result(int exitCode, byte[] stdout, boolean timedOut) {
    String text() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** The isolation this machine allows, probed once: the command prefix and what it gives. */
  private record Isolation(List<String> prefix, boolean dropsToNobody, String description) {}

  private static final class Probed {
    static final Isolation ISOLATION = probe();
  }

  private Sandbox() {}

  /** What keeps sandboxed programs from the machine here, in words (for the run's output). */
  static String isolation() {
    return Probed.ISOLATION.description();
  }

  /**
   * Whether a sandboxed program may execute {@code file}: as nobody, only a file that others may
   * run, in folders others may pass (a tool under root's home, like pyenv's python, is not).
   */
  static boolean canRun(Path file) {
    if (!Files.isExecutable(file)) {
      return false;
    }
    if (!Probed.ISOLATION.dropsToNobody()) {
      return true;
    }
    try {
      // The file itself, then every folder up to the root: all need others' execute bit.
      for (Path p = file.toRealPath(); p != null; p = p.getParent()) {
        if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  static Result run(List<String> command, Path dir, byte[] stdin, Limits limits)
      throws IOException, InterruptedException {
    Isolation isolation = Probed.ISOLATION;
    if (isolation.dropsToNobody()) {
      Files.setAttribute(dir, "unix:uid", NOBODY);
      Files.setAttribute(dir, "unix:gid", NOBODY);
    }
    long cpuSeconds = Math.max(1, limits.timeout().toSeconds());
    List<String> wrapped = new ArrayList<>(isolation.prefix());
    if (!wrapped.isEmpty()) {
      // As nobody, or inside a user namespace, the process limit holds (root is exempt from it).
      wrapped.addAll(List.of("prlimit", "--nproc=" + limits.processes(), "--"));
    }
    wrapped.addAll(List.of("/bin/sh", "-c", "ulimit -v " + limits.memoryBytes() / 1024
        + " && ulimit -t " + cpuSeconds + " && ulimit -f " + MAX_FILE_BYTES / 512
        + " && ulimit -c 0 && exec \"$@\"", "sandbox"));
    wrapped.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(wrapped).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("HOME", dir.toString());
    env.put("TMPDIR", dir.toString());
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
      // Killing unshare kills its child (--kill-child), whose end empties the PID namespace.
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

  private static Isolation probe() {
    boolean root = uid() == 0;
    List<String> namespaces = new ArrayList<>(List.of("unshare"));
    if (!root) {
      namespaces.addAll(List.of("--user", "--map-root-user"));
    }
    namespaces.addAll(List.of("--net", "--pid", "--fork", "--kill-child", "--mount-proc"));
    if (root) {
      namespaces.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
          "--clear-groups", "--no-new-privs"));
    }
    List<String> probe = new ArrayList<>(namespaces);
    probe.addAll(List.of("prlimit", "--nproc=64", "--", "true"));
    if (works(probe)) {
      return new Isolation(List.copyOf(namespaces), root, "no network, own PID namespace"
          + (root ? ", as nobody" : "") + ", limits and a timeout");
    }
    return new Isolation(List.of(), false, "limits and a timeout only: unshare (util-linux) "
        + "cannot make namespaces here, so programs keep the network and their detached "
        + "children may outlive the run");
  }

  private static boolean works(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }
}
