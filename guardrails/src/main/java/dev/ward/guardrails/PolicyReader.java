package dev.ward.guardrails;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.codeshield.Treatment;
import dev.ward.taxonomy.Action;
import dev.ward.taxonomy.CategoryPolicy;
import dev.ward.taxonomy.ConfigDocument;
import dev.ward.taxonomy.ConfigException;
import dev.ward.taxonomy.HazardCode;
import dev.ward.taxonomy.Taxonomies;
import dev.ward.taxonomy.Taxonomy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Reads a {@link GuardrailPolicy} from a configuration document; see its {@code load}. */
final class PolicyReader {
  private final ConfigDocument document;
  private final String path;

  private PolicyReader(ConfigDocument document, String path) {
    this.document = document;
    this.path = path;
  }

  /** The shape of a policy, as Jackson maps it. */
  record PolicyDocument(String taxonomy, Double threshold,
      @JsonProperty("default") JsonNode fallback, Map<String, JsonNode> categories,
      Map<String, String> codeshield, @JsonProperty("on_failure") String onFailure,
      Map<String, String> failures, ChecksSection checks) {}

  record ChecksSection(Boolean input, Boolean output, Boolean code) {}

  static GuardrailPolicy read(ConfigDocument document, String path, Path baseDir) {
    return new PolicyReader(document, path).read(baseDir);
  }

  private GuardrailPolicy read(Path baseDir) {
    PolicyDocument doc = document.map(path, PolicyDocument.class);
    if (doc == null) {
      throw problem("", "the policy is empty");
    }
    GuardrailPolicy.Builder policy = GuardrailPolicy.builder();
    Taxonomy taxonomy = null;
    if (doc.taxonomy() != null) {
      taxonomy = taxonomy(doc.taxonomy(), baseDir);
      policy.taxonomy(taxonomy);
    }
    if (doc.threshold() != null) {
      policy.threshold(probability(doc.threshold(), "threshold"));
    }
    if (doc.fallback() != null) {
      policy.defaultRule(rule(doc.fallback(), "default"));
    }
    if (doc.categories() != null) {
      for (Map.Entry<String, JsonNode> entry : doc.categories().entrySet()) {
        String at = "categories." + entry.getKey();
        HazardCode code;
        try {
          code = HazardCode.of(entry.getKey());
        } catch (IllegalArgumentException e) {
          throw problem(at, e.getMessage());
        }
        if (taxonomy != null && !taxonomy.contains(code)) {
          throw problem(at, "taxonomy '" + taxonomy.name() + "' has no category " + code);
        }
        policy.category(code.toString(), rule(entry.getValue(), at));
      }
    }
    if (doc.codeshield() != null) {
      for (Map.Entry<String, String> entry : doc.codeshield().entrySet()) {
        String at = "codeshield." + entry.getKey();
        policy.codeShield(treatment(entry.getKey(), at), action(entry.getValue(), at));
      }
    }
    if (doc.onFailure() != null) {
      policy.onFailure(failureAction(doc.onFailure(), "on_failure"));
    }
    if (doc.failures() != null) {
      for (Map.Entry<String, String> entry : doc.failures().entrySet()) {
        String at = "failures." + entry.getKey();
        Failure.Kind kind;
        try {
          kind = Failure.Kind.parse(entry.getKey());
        } catch (IllegalArgumentException e) {
          throw problem(at, e.getMessage());
        }
        policy.onFailure(kind, failureAction(entry.getValue(), at));
      }
    }
    if (doc.checks() != null) {
      ChecksSection c = doc.checks();
      policy.checks(new GuardrailPolicy.Checks(c.input() == null || c.input(),
          c.output() == null || c.output(), c.code() == null || c.code()));
    }
    try {
      return policy.build();
    } catch (IllegalArgumentException e) {
      throw problem("categories", e.getMessage());
    }
  }

  private Taxonomy taxonomy(String nameOrFile, Path baseDir) {
    String name = nameOrFile.strip();
    try {
      if (Taxonomies.builtInNames().contains(name.toLowerCase(Locale.ROOT))) {
        return Taxonomies.named(name);
      }
      Path file = Path.of(name);
      return Taxonomies.load(baseDir == null || file.isAbsolute() ? file : baseDir.resolve(file));
    } catch (ConfigException e) {
      throw problem("taxonomy", e.getMessage());
    } catch (java.nio.file.InvalidPathException e) {
      throw problem("taxonomy", "not a built-in taxonomy name nor a file path: '" + name + "'");
    }
  }

  /** {@code block}, or {@code {action: warn, threshold: 0.8}}. */
  private CategoryPolicy rule(JsonNode node, String at) {
    if (node.isTextual()) {
      return CategoryPolicy.of(action(node.asText(), at));
    }
    if (!node.isObject()) {
      throw problem(at, "expected an action (block, warn, log, allow) or {action, threshold}");
    }
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("action") && !name.equals("threshold")) {
        throw problem(at + "." + name, "unknown field '" + name + "'; expected action, threshold");
      }
    }
    JsonNode action = node.get("action");
    if (action == null || !action.isTextual()) {
      throw problem(at, "needs an action: block, warn, log or allow");
    }
    JsonNode threshold = node.get("threshold");
    if (threshold == null) {
      return CategoryPolicy.of(action(action.asText(), at + ".action"));
    }
    if (!threshold.isNumber()) {
      throw problem(at + ".threshold", "expected a number within [0, 1]");
    }
    return CategoryPolicy.of(action(action.asText(), at + ".action"),
        probability(threshold.asDouble(), at + ".threshold"));
  }

  private double probability(double value, String at) {
    if (!(value >= 0 && value <= 1)) {
      throw problem(at, "must be within [0, 1]; got " + value);
    }
    return value;
  }

  private Action action(String text, String at) {
    try {
      return Action.parse(text);
    } catch (IllegalArgumentException e) {
      throw problem(at, e.getMessage());
    }
  }

  private Action failureAction(String text, String at) {
    Action action = action(text, at);
    if (action == Action.ALLOW) {
      throw problem(at, "a failed check is never silently allowed: use block (fail closed), "
          + "warn or log (fail open)");
    }
    return action;
  }

  private Treatment treatment(String text, String at) {
    try {
      return Treatment.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw problem(at, "unknown Code Shield treatment '" + text + "'; expected block, warn or ignore");
    }
  }

  private ConfigException problem(String field, String message) {
    String full = path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field;
    return document.problem(full, message);
  }
}
