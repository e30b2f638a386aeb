package dev.ward.proxy;

import dev.ward.codeshield.CodeShield;
import dev.ward.guardrails.Guard;
import dev.ward.proxy.bench.FakeLlm;
import dev.ward.proxy.config.ProxyConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Real parts for the end-to-end tests: an OpenAI-compatible and an Anthropic-compatible fake LLM
 * on loopback, one Code Shield, and proxies started from YAML like {@code ward serve} starts them.
 */
final class Harness implements AutoCloseable {
  private static CodeShield shield;

  final Vertx vertx = Vertx.vertx();
  final FakeLlm openai = FakeLlm.start(vertx);
  final FakeLlm anthropic = FakeLlm.start(vertx);
  private final List<WardProxy> proxies = new ArrayList<>();
  private final Path dir;

  Harness() {
    try {
      dir = Files.createTempDirectory("ward-proxy-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized CodeShield shield() {
    if (shield == null) {
      shield = CodeShield.create();
    }
    return shield;
  }

  /** The upstreams and routes every test proxy has; {@code more} adds to or overrides them. */
  String yaml(String policy, String more) {
    return yaml(policy, "", more);
  }

  /** As {@link #yaml(String, String)}, with {@code routeFields} (", key: value...") on each route. */
  String yaml(String policy, String routeFields, String more) {
    return """
        listen: {host: 127.0.0.1, port: 0}
        access_log: %s
        upstreams:
          openai: {url: "%s", idle_timeout_ms: 2000}
          anthropic: {url: "%s", idle_timeout_ms: 2000}
        policy: %s
        routes:
          - {name: anthropic, path: /v1/messages, upstream: anthropic%s}
          - {name: openai, upstream: openai%s}
        %s
        """.formatted(dir.resolve("access.log"), openai.url(), anthropic.url(), policy, routeFields,
        routeFields, more);
  }

  Path accessLog() {
    return dir.resolve("access.log");
  }

  /**
   * The access log's complete lines once {@code done} holds for them, polled for up to 10 s: the
   * log is written by a background thread, after the response has gone out. Fails when it never
   * holds.
   */
  String awaitAccessLog(Predicate<String> done) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String log = completeLines();
    while (!done.test(log)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the access log never showed what the test waits for; it has:\n"
            + log);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the access log", e);
      }
      log = completeLines();
    }
    return log;
  }

  /** The access log's text up to its last newline (a line being written is left out). */
  private String completeLines() {
    try {
      // Bytes decoded leniently: the writer may be in the middle of a character.
      String log = Files.exists(accessLog())
          ? new String(Files.readAllBytes(accessLog()), StandardCharsets.UTF_8) : "";
      return log.substring(0, log.lastIndexOf('\n') + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The access log's line for the request with this id ({@code x-request-id}), waiting for it;
   * fails when the request has more than one line.
   */
  String awaitAccessLogLine(String requestId) {
    String field = "\"id\":\"" + requestId + "\"";
    List<String> lines = awaitAccessLog(text -> text.contains(field)).lines()
        .filter(line -> line.contains(field)).toList();
    if (lines.size() != 1) {
      throw new AssertionError("request " + requestId + " has " + lines.size()
          + " access log lines, not one:\n" + String.join("\n", lines));
    }
    return lines.getFirst();
  }

  ProxyConfig config(String yaml) {
    try {
      Path file = Files.createTempFile(dir, "ward", ".yaml");
      Files.writeString(file, yaml);
      return ProxyConfig.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WardProxy start(String yaml, Guard guard) {
    WardProxy.Builder builder = WardProxy.builder(config(yaml)).codeShield(shield());
    if (guard != null) {
      builder.guard(guard);
    }
    WardProxy proxy = builder.start();
    proxies.add(proxy);
    proxy.awaitReady(Duration.ofSeconds(60));
    return proxy;
  }

  @Override
  public void close() {
    proxies.forEach(p -> p.shutdown(Duration.ofSeconds(1)));
    openai.close();
    anthropic.close();
    vertx.close();
  }

  /**
   * A loopback port that refuses connections for as long as the returned socket stays open: the
   * socket is bound but never listens, so connecting gets a reset, and no other process can bind
   * the port in the meantime (as it could once a probing server socket closed).
   */
  static Socket reservedPort() {
    Socket socket = new Socket();
    try {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket;
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException(e);
    }
  }

  static String chat(String prompt, boolean stream) {
    return "{\"model\":\"gpt-test\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"system\","
        + "\"content\":\"You are helpful.\"},{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
  }

  static String messages(String prompt, boolean stream) {
    return "{\"model\":\"claude-test\",\"max_tokens\":100,\"stream\":" + stream
        + ",\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"" + prompt + "\"}]}]}";
  }

  static final String INSECURE_ANSWER = """
      Here is a script that deletes what the user names:

      ```python
      import os
      name = input("what to delete? ")
      os.system("rm -rf " + name)
      ```

      Run it with care. It removes the folder and everything inside it, so make sure that you
      typed the right name before you press enter, because there is no way back afterwards.
      """;

  static final String SAFE_CODE_ANSWER = """
      Sum a list in Python:

      ```python
      def total(values):
          return sum(values)
      ```
      """;
}
