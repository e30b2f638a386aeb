package dev.ward.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A plain HTTP client for the tests: the JDK's, and a raw socket for clients that walk away. */
final class Client {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private Client() {}

  static HttpResponse<byte[]> post(int port, String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  static HttpResponse<byte[]> get(int port, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).GET().build());
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      // The request timeout covers the headers only; the whole exchange is bounded here.
      return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /**
   * Sends {@code request} as is (request line, headers, blank line, body) on a raw socket, for
   * requests an HTTP client would not write; returns the whole response, read until the server
   * closes (so send {@code connection: close}) or 10 s pass.
   */
  static String raw(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * A POST of {@code body} as JSON to {@code path} as written (no client normalises it), on a raw
   * socket; {@code headers} are more header lines, name then value, repeats allowed. Returns the
   * whole response.
   */
  static String rawPost(int port, String path, String body, String... headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String[] closing = java.util.Arrays.copyOf(headers, headers.length + 2);
      closing[headers.length] = "connection";
      closing[headers.length + 1] = "close";
      writePost(socket, path, body, closing);
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends a request on a raw socket and closes the connection, unanswered, once {@code leave}
   * holds (polled every few milliseconds for up to 10 s; failing if it never does): a client that
   * goes away while its request is being worked on.
   */
  static void postAndLeaveWhen(int port, String path, String body, BooleanSupplier leave)
      throws IOException, InterruptedException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      writePost(socket, path, body);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!leave.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the condition to leave on never held within 10 s");
        }
        Thread.sleep(5);
      }
    }
  }

  /**
   * Sends a request on a raw socket, reads until {@code marker} has arrived, then closes the
   * connection: a client that goes away in the middle of an answer. {@code headers} are more
   * header lines, name then value.
   */
  static String postAndLeave(int port, String path, String body, String marker,
      String... headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      writePost(socket, path, body, headers);
      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      byte[] buffer = new byte[4096];
      while (!seen.toString().contains(marker)) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
      return seen.toString();
    }
  }

  private static void writePost(Socket socket, String path, String body, String... headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\n"
        + "content-type: application/json\r\ncontent-length: " + bytes.length + "\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    OutputStream out = socket.getOutputStream();
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }
}
