package dev.ward.taxonomy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A YAML or JSON configuration file that remembers where each field was written, so that a
 * problem found after mapping (a value out of range, a name that resolves to nothing) still
 * points at its line. Fields are named by paths like {@code routes[1].policy.default}.
 *
 * <p>Mapping is strict: unknown fields, nulls for primitives and trailing content are errors,
 * each reported as a {@link ConfigException} with file, line, field and a message free of
 * parser internals. Files over 1 MiB are refused before parsing.
 */
public final class ConfigDocument {
  private static final int MAX_BYTES = 1 << 20;
  private static final int MAX_NESTING = 64;

  private final String source;
  private final boolean json;
  private final Map<String, Integer> lines = new HashMap<>();
  private final JsonNode root;
  private final ObjectMapper mapper;

  private ConfigDocument(String source, byte[] content) {
    this.source = source;
    this.json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    if (content.length > MAX_BYTES) {
      throw problem("", "file is larger than " + MAX_BYTES + " bytes");
    }
    JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
    factory.setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING).build());
    this.mapper = new ObjectMapper(factory)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    recordLines(factory, content);
    if (lines.isEmpty()) {
      throw problem("", "file is empty");
    }
    try {
      JsonNode tree = mapper.readTree(content);
      this.root = tree == null ? MissingNode.getInstance() : tree;
    } catch (IOException e) {
      throw syntaxError(e);
    }
  }

  /** Parses a document; the source's extension decides JSON ({@code .json}) or YAML. */
  public static ConfigDocument parse(String source, byte[] content) {
    return new ConfigDocument(source, content);
  }

  /** Reads and parses a file. */
  public static ConfigDocument read(Path file) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw new ConfigException(source, 0, null, "is a directory, not a file");
    }
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new ConfigException(source, 0, null, "is not a regular file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new ConfigException(source, 0, null, "file is larger than " + MAX_BYTES + " bytes");
      }
      return parse(source, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, 0, null, "no such file");
    } catch (IOException e) {
      throw new ConfigException(source, 0, null, "cannot read: " + e.getMessage());
    }
  }

  public String source() {
    return source;
  }

  /** Maps the whole document onto {@code type} (a record or bean Jackson can build). */
  public <T> T map(Class<T> type) {
    return map("", type);
  }

  /**
   * Maps the value at {@code path} (empty for the root) onto {@code type}; errors name fields by
   * their full path. A missing value maps to null.
   */
  public <T> T map(String path, Class<T> type) {
    JsonNode node = node(path);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      String field = join(path, fieldPath(e));
      throw problem(field, "unknown field '" + e.getPropertyName() + "'; expected one of "
          + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      throw problem(join(path, fieldPath(e)), cleanMessage(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw problem(path, cleanMessage(e.getOriginalMessage()));
    }
  }

  /** Whether the document has a value at {@code path}. */
  public boolean has(String path) {
    JsonNode node = node(path);
    return !node.isMissingNode() && !node.isNull();
  }

  /** The 1-based line where {@code field} (or its nearest enclosing field) was written, or 0. */
  public int lineOf(String field) {
    for (String at = field == null ? "" : field; ; ) {
      Integer line = lines.get(at);
      if (line != null) {
        return line;
      }
      int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
      if (cut <= 0) {
        return lines.getOrDefault(at.substring(0, Math.max(cut, 0)), 0);
      }
      at = at.substring(0, cut);
    }
  }

  /** A problem at a field, located in this document. */
  public ConfigException problem(String field, String message) {
    return new ConfigException(source, lineOf(field), field, message);
  }

  private JsonNode node(String path) {
    JsonNode node = root;
    if (path.isEmpty()) {
      return node;
    }
    for (String step : path.replace("[", ".[").split("\\.")) {
      if (step.isEmpty()) {
        continue;
      }
      node = step.startsWith("[")
          ? node.path(Integer.parseInt(step.substring(1, step.length() - 1)))
          : node.path(step);
    }
    return node;
  }

  private static String join(String base, String field) {
    if (base.isEmpty()) {
      return field;
    }
    if (field.isEmpty()) {
      return base;
    }
    return field.startsWith("[") ? base + field : base + "." + field;
  }

  /** Jackson appends source excerpts and class names in parentheses; users need neither. */
  private static String cleanMessage(String message) {
    String text = message == null ? "invalid value" : message;
    text = text.replaceAll("\\s*\\((?:for|through|class|to accept|from|or|but)[^)]*\\)", "");
    text = text.replaceAll("`[a-z]+(?:\\.[a-zA-Z$]+)+`", "value");
    text = text.replaceAll("\\s*\\n.*", "");
    return text.strip();
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      }
    }
    return path.toString();
  }

  private void recordLines(JsonFactory factory, byte[] content) {
    try (JsonParser parser = factory.createParser(content)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME || token.isScalarValue() || token.isStructStart()) {
          lines.putIfAbsent(path(parser.getParsingContext(), token),
              parser.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      throw syntaxError(e);
    }
  }

  private ConfigException syntaxError(IOException e) {
    if (e instanceof JsonProcessingException p) {
      String message = p.getOriginalMessage();
      if (message != null && message.contains("nesting depth")) {
        message = "nested more than " + MAX_NESTING + " levels deep";
      }
      return new ConfigException(source,
          p.getLocation() == null ? 0 : p.getLocation().getLineNr(), null,
          "not valid " + (json ? "JSON" : "YAML") + ": " + cleanMessage(message));
    }
    return new ConfigException(source, 0, null, "cannot read: " + e.getMessage());
  }

  private static String path(JsonStreamContext context, JsonToken token) {
    // A struct start belongs to the value position its parent context describes.
    JsonStreamContext at = token.isStructStart() ? context.getParent() : context;
    StringBuilder path = new StringBuilder();
    appendPath(at, path);
    return path.toString();
  }

  private static void appendPath(JsonStreamContext context, StringBuilder path) {
    if (context == null || context.inRoot()) {
      return;
    }
    appendPath(context.getParent(), path);
    if (context.inArray()) {
      path.append('[').append(Math.max(context.getCurrentIndex(), 0)).append(']');
    } else if (context.getCurrentName() != null) {
      if (!path.isEmpty()) {
        path.append('.');
      }
      path.append(context.getCurrentName());
    }
  }
}
