package dev.ward.taxonomy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named, ordered list of hazard categories with the policy that applies to them. Immutable.
 * Built-in ones come from {@link Taxonomies#named(String)}; custom ones from a YAML or JSON file
 * through {@link Taxonomies#load(java.nio.file.Path)}.
 */
public final class Taxonomy {
  private final String name;
  private final List<HazardCategory> categories;
  private final Map<HazardCode, HazardCategory> byCode;
  private final Policy policy;

  private Taxonomy(String name, List<HazardCategory> categories, Policy policy) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a taxonomy needs a name");
    }
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("taxonomy '" + name + "' has no categories");
    }
    Map<HazardCode, HazardCategory> index = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (HazardCategory category : categories) {
      if (index.putIfAbsent(category.code(), category) != null) {
        throw new IllegalArgumentException(
            "taxonomy '" + name + "' lists category " + category.code() + " twice");
      }
      names.add(category.name());
    }
    for (HazardCode code : policy.perCategory().keySet()) {
      if (!index.containsKey(code)) {
        throw new IllegalArgumentException(
            "policy names category " + code + ", which taxonomy '" + name + "' does not have");
      }
    }
    this.name = name.strip();
    this.categories = List.copyOf(categories);
    this.byCode = Map.copyOf(index);
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public static Taxonomy of(String name, List<HazardCategory> categories) {
    return new Taxonomy(name, categories, Policy.BLOCK_ALL);
  }

  public String name() {
    return name;
  }

  public List<HazardCategory> categories() {
    return categories;
  }

  public Optional<HazardCategory> category(HazardCode code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public boolean contains(HazardCode code) {
    return byCode.containsKey(code);
  }

  public Policy policy() {
    return policy;
  }

  public Taxonomy withName(String newName) {
    return new Taxonomy(newName, categories, policy);
  }

  public Taxonomy withPolicy(Policy newPolicy) {
    return new Taxonomy(name, categories, newPolicy);
  }

  /**
   * This taxonomy without the given categories. The remaining ones keep their codes, so that
   * policies and reports stay stable; a guard prompt may renumber them and map its answer back.
   */
  public Taxonomy without(Collection<HazardCode> excluded) {
    for (HazardCode code : excluded) {
      if (!contains(code)) {
        throw new IllegalArgumentException(
            "cannot exclude " + code + ": taxonomy '" + name + "' has no such category");
      }
    }
    List<HazardCategory> kept = new ArrayList<>();
    for (HazardCategory category : categories) {
      if (!excluded.contains(category.code())) {
        kept.add(category);
      }
    }
    Map<HazardCode, CategoryPolicy> keptPolicies = new LinkedHashMap<>(policy.perCategory());
    keptPolicies.keySet().removeAll(excluded);
    return new Taxonomy(name, kept, new Policy(policy.fallback(), keptPolicies));
  }

  /** This taxonomy with the given categories replaced (same code) or appended (new code). */
  public Taxonomy with(Collection<HazardCategory> replacements) {
    Map<HazardCode, HazardCategory> merged = new LinkedHashMap<>(byCodeInOrder());
    for (HazardCategory replacement : replacements) {
      merged.put(replacement.code(), replacement);
    }
    return new Taxonomy(name, new ArrayList<>(merged.values()), policy);
  }

  private Map<HazardCode, HazardCategory> byCodeInOrder() {
    Map<HazardCode, HazardCategory> ordered = new LinkedHashMap<>();
    for (HazardCategory category : categories) {
      ordered.put(category.code(), category);
    }
    return ordered;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Taxonomy other && name.equals(other.name)
        && categories.equals(other.categories) && policy.equals(other.policy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, categories, policy);
  }

  @Override
  public String toString() {
    return "Taxonomy[" + name + ", " + categories.size() + " categories]";
  }
}
