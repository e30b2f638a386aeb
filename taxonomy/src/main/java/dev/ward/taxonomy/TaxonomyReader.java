package dev.ward.taxonomy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a taxonomy document (YAML or JSON) and validates it, reporting the first problem with the
 * source, line and field it comes from. Lines are recorded in a first streaming pass, so that
 * problems found after mapping (an excluded code the base lacks, a duplicate) still point at the
 * line that caused them.
 */
final class TaxonomyReader {
  private static final int MAX_BYTES = 1 << 20;

  private final String source;
  private final byte[] content;
  private final boolean json;
  private final Map<String, Integer> lines = new HashMap<>();

  TaxonomyReader(String source, byte[] content) {
    this.source = source;
    this.content = content;
    this.json = source.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
  }

  /** Parses and validates; {@code bases} resolves the name after {@code extends}. */
  Taxonomy read(Function<String, Taxonomy> bases) {
    if (content.length > MAX_BYTES) {
      throw problem("", "file is larger than " + MAX_BYTES + " bytes");
    }
    recordLines();
    if (lines.isEmpty()) {
      throw problem("", "file is empty");
    }
    TaxonomyDocument document = map();
    Taxonomy taxonomy = document.base() == null ? own(document) : extended(document, bases);
    if (document.name() != null) {
      taxonomy = taxonomy.withName(document.name());
    }
    return document.policy() == null ? taxonomy : taxonomy.withPolicy(policy(document, taxonomy));
  }

  private Taxonomy own(TaxonomyDocument document) {
    if (document.name() == null || document.name().isBlank()) {
      throw problem("name", "a taxonomy needs a name");
    }
    if (document.exclude() != null) {
      throw problem("exclude", "'exclude' needs 'extends' naming a built-in taxonomy");
    }
    if (document.categories() == null || document.categories().isEmpty()) {
      throw problem("categories", "a taxonomy without 'extends' needs at least one category");
    }
    List<HazardCategory> categories = new ArrayList<>();
    Set<HazardCode> seen = new LinkedHashSet<>();
    for (int i = 0; i < document.categories().size(); i++) {
      TaxonomyDocument.Category entry = document.categories().get(i);
      String at = "categories[" + i + "]";
      HazardCode code = code(entry.code(), at + ".code");
      if (!seen.add(code)) {
        throw problem(at + ".code", "category " + code + " is listed twice");
      }
      if (entry.name() == null || entry.name().isBlank()) {
        throw problem(at, "category " + code + " needs a name");
      }
      categories.add(category(code, entry.name(), entry.description(), at));
    }
    return Taxonomy.of(document.name(), categories);
  }

  private Taxonomy extended(TaxonomyDocument document, Function<String, Taxonomy> bases) {
    Taxonomy base;
    try {
      base = bases.apply(document.base());
    } catch (TaxonomyException e) {
      throw problem("extends", e.getMessage());
    }
    List<HazardCode> excluded = new ArrayList<>();
    if (document.exclude() != null) {
      for (int i = 0; i < document.exclude().size(); i++) {
        String at = "exclude[" + i + "]";
        HazardCode code = code(document.exclude().get(i), at);
        if (!base.contains(code)) {
          throw problem(at, "'" + base.name() + "' has no category " + code);
        }
        excluded.add(code);
      }
    }
    List<HazardCategory> changes = new ArrayList<>();
    List<TaxonomyDocument.Category> entries =
        document.categories() == null ? List.of() : document.categories();
    Set<HazardCode> seen = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      TaxonomyDocument.Category entry = entries.get(i);
      String at = "categories[" + i + "]";
      HazardCode code = code(entry.code(), at + ".code");
      if (!seen.add(code)) {
        throw problem(at + ".code", "category " + code + " is listed twice");
      }
      if (excluded.contains(code)) {
        throw problem(at + ".code", "category " + code + " is both excluded and re-described");
      }
      HazardCategory existing = base.category(code).orElse(null);
      if (existing == null && (entry.name() == null || entry.name().isBlank())) {
        throw problem(at, "new category " + code + " needs a name");
      }
      String name = entry.name() != null ? entry.name() : existing.name();
      String description = entry.description() != null ? entry.description()
          : existing == null ? "" : existing.description();
      changes.add(category(code, name, description, at));
    }
    return base.without(excluded).with(changes);
  }

  private Policy policy(TaxonomyDocument document, Taxonomy taxonomy) {
    TaxonomyDocument.PolicySection section = document.policy();
    CategoryPolicy fallback = section.fallback() == null
        ? Policy.BLOCK_ALL.fallback() : rule(section.fallback(), "policy.default");
    Map<HazardCode, CategoryPolicy> perCategory = new HashMap<>();
    if (section.categories() != null) {
      for (Map.Entry<String, TaxonomyDocument.Rule> entry : section.categories().entrySet()) {
        String at = "policy.categories." + entry.getKey();
        HazardCode code = code(entry.getKey(), at);
        if (!taxonomy.contains(code)) {
          throw problem(at, "taxonomy '" + taxonomy.name() + "' has no category " + code);
        }
        perCategory.put(code, rule(entry.getValue(), at));
      }
    }
    return new Policy(fallback, perCategory);
  }

  private CategoryPolicy rule(TaxonomyDocument.Rule rule, String at) {
    if (rule == null || rule.action() == null) {
      throw problem(at, "needs an action: block, warn, log or allow");
    }
    try {
      Action action = Action.parse(rule.action());
      return new CategoryPolicy(action,
          rule.threshold() == null ? OptionalDouble.empty() : OptionalDouble.of(rule.threshold()));
    } catch (IllegalArgumentException e) {
      throw problem(at, e.getMessage());
    }
  }

  private HazardCode code(String text, String at) {
    if (text == null) {
      throw problem(at, "a code like S1 is required");
    }
    try {
      return HazardCode.of(text.strip());
    } catch (IllegalArgumentException e) {
      throw problem(at, e.getMessage());
    }
  }

  private HazardCategory category(HazardCode code, String name, String description, String at) {
    try {
      return new HazardCategory(code, name, description);
    } catch (IllegalArgumentException e) {
      throw problem(at, e.getMessage());
    }
  }

  private JsonFactory factory() {
    return json ? new JsonFactory() : new YAMLFactory();
  }

  private TaxonomyDocument map() {
    ObjectMapper mapper = new ObjectMapper(factory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    try {
      return mapper.readValue(content, TaxonomyDocument.class);
    } catch (UnrecognizedPropertyException e) {
      String field = fieldPath(e);
      return throwAt(e, field, "unknown field '" + e.getPropertyName() + "'; expected one of "
          + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      return throwAt(e, fieldPath(e), e.getOriginalMessage().replaceAll("\\s*\\(.*$", ""));
    } catch (JsonProcessingException e) {
      return throwAt(e, "", e.getOriginalMessage());
    } catch (IOException e) {
      throw problem("", e.getMessage());
    }
  }

  private TaxonomyDocument throwAt(JsonProcessingException e, String field, String message) {
    // The parser's location is where it noticed, often past the value; the field's own line is
    // what a reader wants.
    int line = lineOf(field);
    if (line == 0 && e.getLocation() != null) {
      line = e.getLocation().getLineNr();
    }
    throw new TaxonomyException(source, line, field, message);
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

  private void recordLines() {
    try (JsonParser parser = factory().createParser(content)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME || token.isScalarValue() || token.isStructStart()) {
          lines.putIfAbsent(path(parser.getParsingContext(), token),
              parser.currentTokenLocation().getLineNr());
        }
      }
    } catch (JsonProcessingException e) {
      throw new TaxonomyException(source,
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
          "not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw problem("", e.getMessage());
    }
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

  private int lineOf(String field) {
    for (String at = field; ; ) {
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

  private TaxonomyException problem(String field, String message) {
    return new TaxonomyException(source, lineOf(field), field, message);
  }
}
