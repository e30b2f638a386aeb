package dev.ward.cyberseceval.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers already paid for, kept on disk so that an interrupted or repeated run asks nothing
 * twice. Keyed by (model, system prompt, prompt, JSON wanted). The file is JSON lines, one
 * {@code {"key", "model", "response"}} per answer, appended and flushed as each answer arrives:
 * a run killed mid-way loses at most the line being written, which the next load skips.
 * Failed queries are not stored, so they are asked again.
 */
public final class ResponseCache implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final BufferedWriter writer;
  private final int skippedLines;

  private ResponseCache(Path file, BufferedWriter writer, int skippedLines) {
    this.file = file;
    this.writer = writer;
    this.skippedLines = skippedLines;
  }

  /** Opens (or creates) the cache file and reads what it holds. */
  public static ResponseCache open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    Map<String, String> answers = new ConcurrentHashMap<>();
    int skipped = 0;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode entry = JSON.readTree(line);
        if (entry.path("key").isTextual() && entry.path("response").isTextual()) {
          answers.put(entry.get("key").asText(), entry.get("response").asText());
          continue;
        }
      } catch (IOException e) {
        // A torn last line from an interrupted run: counted and skipped.
      }
      skipped++;
    }
    BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      writer.newLine();
      writer.flush();
    }
    ResponseCache cache = new ResponseCache(file, writer, skipped);
    cache.answers.putAll(answers);
    return cache;
  }

  public Path file() {
    return file;
  }

  /** Answers held. */
  public int size() {
    return answers.size();
  }

  /** Lines of the file that could not be read (a torn write), skipped. */
  public int skippedLines() {
    return skippedLines;
  }

  Optional<String> get(String model, Query query) {
    return Optional.ofNullable(answers.get(key(model, query)));
  }

  void put(String model, Query query, String response) {
    String key = key(model, query);
    if (answers.putIfAbsent(key, response) != null) {
      return;
    }
    String line;
    try {
      line = JSON.createObjectNode().put("key", key).put("model", model)
          .put("response", response).toString();
    } catch (RuntimeException e) {
      return;
    }
    synchronized (writer) {
      try {
        writer.write(line);
        writer.newLine();
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the response cache " + file, e);
      }
    }
  }

  static String key(String model, Query query) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {model, query.system() == null ? "\u0000" : query.system(),
          query.user(), query.jsonAnswer() ? "json" : "text"}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update(HexFormat.of().parseHex(String.format("%08x", bytes.length)));
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (writer) {
      writer.close();
    }
  }
}
