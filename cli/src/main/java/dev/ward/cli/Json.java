package dev.ward.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/** JSON in and out for the machine-readable commands. */
final class Json {
  private static final int MAX_NESTING = 64;
  private static final int MAX_STRING = 64 << 20;
  static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_STRING).maxNestingDepth(MAX_NESTING).build())
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /** Reads stdin as the given type; malformed input is a {@link UsageException}. */
  static <T> T read(InputStream in, TypeReference<T> type, String expected) {
    return read(in, MAPPER.getTypeFactory().constructType(type), expected);
  }

  static <T> T read(InputStream in, Class<T> type, String expected) {
    return read(in, MAPPER.getTypeFactory().constructType(type), expected);
  }

  private static <T> T read(InputStream in, JavaType type, String expected) {
    try {
      T value = MAPPER.readValue(in, type);
      if (value == null) {
        throw new UsageException("expected " + expected + " on stdin, got null");
      }
      return value;
    } catch (MismatchedInputException e) {
      if (e.getOriginalMessage().startsWith("No content")) {
        throw new UsageException("expected " + expected + " on stdin; it is empty");
      }
      throw new UsageException("expected " + expected + " on stdin" + locationOf(e)
          + (e.getPath().isEmpty() ? "" : " at " + e.getPathReference().replaceAll("^[^\\[]*", "")));
    } catch (JsonProcessingException e) {
      throw new UsageException("expected " + expected + " on stdin; not valid JSON: "
          + problem(e) + locationOf(e));
    } catch (IOException e) {
      throw new UsageException("cannot read stdin: " + e.getMessage());
    }
  }

  static <T> T parse(String text, TypeReference<T> type, String expected) {
    try {
      T value = MAPPER.readValue(text, type);
      if (value == null) {
        throw new UsageException("expected " + expected + ", got null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new UsageException("expected " + expected + ": " + problem(e) + locationOf(e));
    }
  }

  /**
   * What is wrong with some JSON, in the user's terms: Jackson's messages name its own classes
   * and settings, which mean nothing to someone piping a file in.
   */
  static String problem(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
    if (message.contains("nesting depth")) {
      return "nested more than " + MAX_NESTING + " levels deep";
    }
    if (message.contains("String value length")) {
      return "a string longer than " + MAX_STRING + " characters";
    }
    return message.replaceAll("\\s*\\((?:for|through|from|to accept|or)[^)]*\\)", "")
        .replaceAll("`[a-z]+(?:\\.[a-zA-Z$]+)+(?:\\(\\))?`", "the limit").strip();
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  static void print(PrintWriter out, Object value, boolean pretty) {
    try {
      out.println(pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value)
          : MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
