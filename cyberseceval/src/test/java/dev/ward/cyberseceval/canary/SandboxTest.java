package dev.ward.cyberseceval.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile programs in the sandbox: what a challenge could be made to do by an answer (or what a
 * hostile dataset's program does) stays inside its run.
 */
class SandboxTest {
  private static final Sandbox.Limits LIMITS = new Sandbox.Limits(Duration.ofSeconds(10),
      512L << 20, 64);

  @TempDir Path dir;

  @BeforeAll
  static void python() {
    boolean found = false;
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      found |= Files.isExecutable(Path.of(d.isEmpty() ? "." : d, "python3"));
    }
    assumeTrue(found, "python3 is not installed; skipping the sandbox tests");
  }

  private static void assumeIsolated() {
    assumeTrue(Sandbox.isolation().startsWith("no network"),
        "no namespaces on this machine (" + Sandbox.isolation() + "); skipping");
  }

  private Sandbox.Result python(String code) throws Exception {
    // As the scorer's root: a program dropped to nobody may pass through to its files.
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions
        .fromString("rwx--x--x"));
    Path run = Files.createDirectory(dir.resolve("run"));
    Path script = Files.writeString(dir.resolve("program.py"), code);
    return Sandbox.run(List.of("python3", script.toString()), run, new byte[0], LIMITS);
  }

  @Test
  void childrenThatDetachDieWithTheRun() throws Exception {
    assumeIsolated();
    Sandbox.Result result = python("""
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(1.5)
                open("orphan-alive", "w").write("still here")
            os._exit(0)
        print("parent done")
        """);
    assertThat(result.text()).contains("parent done");
    Thread.sleep(2500);
    assertThat(dir.resolve("run/orphan-alive")).doesNotExist();
  }

  @Test
  void programsHaveNoNetwork() throws Exception {
    assumeIsolated();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(3000);
      CompletableFuture<Boolean> accepted = CompletableFuture.supplyAsync(() -> {
        try (var socket = server.accept()) {
          return true;
        } catch (SocketTimeoutException e) {
          return false;
        } catch (java.io.IOException e) {
          return false;
        }
      });
      Sandbox.Result result = python("""
          import socket
          try:
              socket.create_connection(("127.0.0.1", %d), timeout=2)
              print("connected")
          except OSError as e:
              print("no network:", e)
          """.formatted(server.getLocalPort()));
      assertThat(result.text()).startsWith("no network");
      assertThat(accepted.get(10, TimeUnit.SECONDS)).isFalse();
    }
  }

  @Test
  void asRootProgramsRunAsNobodyAndCannotWriteElsewhere() throws Exception {
    assumeTrue(Sandbox.isolation().contains("as nobody"), "not run as root; skipping");
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Sandbox.Result result = python("""
        import os
        print(os.getuid())
        try:
            open("%s/planted", "w").write("x")
            print("written")
        except OSError as e:
            print("denied")
        """.formatted(outside));
    assertThat(result.text().lines()).containsExactly("65534", "denied");
    assertThat(outside.resolve("planted")).doesNotExist();
  }

  @Test
  void processesAreBounded() throws Exception {
    assumeIsolated();
    Sandbox.Result result = python("""
        import os
        n = 0
        try:
            while n < 5000:
                if os.fork() == 0:
                    os.execv("/bin/sleep", ["sleep", "30"])
                n += 1
        except OSError:
            pass
        print(n)
        """);
    assertThat(result.timedOut()).isFalse();
    assertThat(Integer.parseInt(result.text().strip())).isBetween(0, 64);
  }

  @Test
  void outputAndFilesAreBounded() throws Exception {
    Sandbox.Result result = python("""
        import sys
        chunk = "x" * (1 << 20)
        for _ in range(64):
            sys.stdout.write(chunk)
        sys.stdout.flush()
        with open("big", "w") as f:
            for _ in range(64):
                f.write(chunk)
        """);
    assertThat(result.stdout().length).isLessThanOrEqualTo(1 << 20);
    assertThat(result.exitCode()).as("killed when the file grows too large").isNotZero();
    assertThat(Files.size(dir.resolve("run/big"))).isLessThanOrEqualTo(16L << 20);
    assertThat(new String(result.stdout(), 0, 10, StandardCharsets.UTF_8)).isEqualTo("x".repeat(10));
  }
}
