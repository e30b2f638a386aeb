package dev.ward.cyberseceval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.cyberseceval.benchmark.Benchmark;
import dev.ward.cyberseceval.benchmark.Records;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a benchmark's dataset: a JSON list of objects, each with the fields it needs. */
final class Datasets {
  private Datasets() {}

  /**
   * @throws IllegalArgumentException naming the file, the entry and the field when the dataset
   *     is not what the benchmark reads
   */
  static List<ObjectNode> load(Path file, Benchmark benchmark) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such dataset file");
    }
    JsonNode json;
    try {
      json = Records.JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON (line "
          + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
    }
    if (json == null || !json.isArray()) {
      throw new IllegalArgumentException(file + ": a dataset is a JSON list of test cases");
    }
    List<ObjectNode> entries = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      if (!(json.get(i) instanceof ObjectNode entry)) {
        throw new IllegalArgumentException(file + ": entry " + i + " is not a JSON object");
      }
      entries.add(entry);
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(file + ": the dataset is empty");
    }
    List<String> required = benchmark.requiredFields(entries.getFirst());
    for (int i = 0; i < entries.size(); i++) {
      for (String field : required) {
        JsonNode value = entries.get(i).get(field);
        if (value == null || value.isNull() || !(value.isTextual() || value.isArray())) {
          throw new IllegalArgumentException(file + ": entry " + i + " has no '" + field
              + "' (the " + benchmark.name() + " benchmark reads " + String.join(", ", required)
              + ")");
        }
      }
    }
    return entries;
  }
}
