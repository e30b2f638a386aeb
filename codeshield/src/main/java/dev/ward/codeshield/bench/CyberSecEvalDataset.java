package dev.ward.codeshield.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CyberSecEval's instruct / autocomplete JSON: an array of objects with {@code language},
 * {@code cwe_identifier}, {@code origin_code} (the code around the weakness) and
 * {@code pattern_desc}. Other fields are ignored.
 */
public final class CyberSecEvalDataset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CyberSecEvalDataset() {}

  public static List<Sample> read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.newBufferedReader(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(file + ": expected a JSON array of test cases");
    }
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      String code = item.path("origin_code").asText(null);
      String language = item.path("language").asText(null);
      String cwe = item.path("cwe_identifier").asText(null);
      if (code == null || language == null || cwe == null) {
        throw new IllegalArgumentException(file + ": item " + i
            + " lacks origin_code, language or cwe_identifier");
      }
      samples.add(new Sample(language, cwe, code, item.path("pattern_desc").asText("")));
    }
    return samples;
  }
}
