package dev.ward.taxonomy;

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
 * source, line and field it comes from ({@link ConfigDocument} keeps the lines).
 */
final class TaxonomyReader {
  private final ConfigDocument config;

  private TaxonomyReader(ConfigDocument config) {
    this.config = config;
  }

  static Taxonomy read(String source, byte[] content, Function<String, Taxonomy> bases) {
    try {
      return new TaxonomyReader(ConfigDocument.parse(source, content)).read(bases);
    } catch (ConfigException e) {
      throw TaxonomyException.of(e);
    }
  }

  /** Parses and validates; {@code bases} resolves the name after {@code extends}. */
  private Taxonomy read(Function<String, Taxonomy> bases) {
    TaxonomyDocument document = config.map(TaxonomyDocument.class);
    if (document == null) {
      throw problem("", "file is empty");
    }
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

  private TaxonomyException problem(String field, String message) {
    return TaxonomyException.of(config.problem(field, message));
  }
}
