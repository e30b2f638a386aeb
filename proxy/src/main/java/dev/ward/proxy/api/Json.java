package dev.ward.proxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** The proxy's one JSON mapper: bounded nesting and string length, since bodies are untrusted. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(128).maxStringLength(64 << 20).build());
    // Ward must read what its peers read: a key given twice (one parser keeps the first value,
    // another the last) or a second value after the first is refused, never guessed.
    MAPPER.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    MAPPER.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Parses a body that must be one JSON object. */
  public static JsonNode parseObject(Buffer body, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      throw new BadRequestException(what + " is not valid JSON: " + clean(e));
    }
    if (node == null || !node.isObject()) {
      throw new BadRequestException(what + " must be a JSON object");
    }
    return node;
  }

  /** Parses JSON that an upstream sent; null when it is not JSON. */
  public static JsonNode parseOrNull(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Appends every string under {@code node} to {@code out}, {@code separator} between them,
   * leaving out fields named in {@code skip} (ids, types, binary data): the text a client could
   * show of a part Ward has no rule for. Answers are checked by what they hold, not by the fields
   * Ward happens to know, so a field an upstream adds tomorrow is checked too.
   */
  static void appendStrings(JsonNode node, Set<String> skip, String separator, StringBuilder out) {
    if (node.isTextual()) {
      if (!out.isEmpty() && !node.asText().isEmpty()) {
        out.append(separator);
      }
      out.append(node.asText());
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        appendStrings(item, skip, separator, out);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!skip.contains(field.getKey())) {
          appendStrings(field.getValue(), skip, separator, out);
        }
      }
    }
  }

  public static Buffer buffer(JsonNode node) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Jackson's message without its source excerpt. */
  private static String clean(IOException e) {
    String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    message = newline < 0 ? message : message.substring(0, newline);
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }
}
