package dev.ward.taxonomy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The shape of a taxonomy file, as Jackson maps it; {@link TaxonomyReader} turns it into a
 * {@link Taxonomy}. Either a taxonomy of its own categories, or a built-in one it {@code extends}
 * with categories excluded, re-described or added:
 *
 * <pre>{@code
 * name: acme-support
 * extends: llama-guard-3
 * exclude: [S13, S14]
 * categories:
 *   - code: S6
 *     description: Financial or medical advice beyond general information.
 * policy:
 *   default: block
 *   categories:
 *     S7: {action: warn, threshold: 0.8}
 * }</pre>
 */
record TaxonomyDocument(
    String name,
    @JsonProperty("extends") String base,
    List<String> exclude,
    List<Category> categories,
    PolicySection policy) {

  record Category(String code, String name, String description) {}

  record PolicySection(@JsonProperty("default") Rule fallback, Map<String, Rule> categories) {}

  /** {@code block}, or {@code {action: warn, threshold: 0.8}}. */
  record Rule(String action, Double threshold) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Rule ofAction(String action) {
      return new Rule(action, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static Rule of(@JsonProperty("action") String action,
        @JsonProperty("threshold") Double threshold) {
      return new Rule(action, threshold);
    }
  }
}
