package dev.ward.codeshield.pattern;

import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Metavariable bindings: immutable, so a matcher can branch without copying, and small (a sorted
 * array, as patterns have a handful of metavariables). Names are stored without the {@code $}.
 */
public final class Bindings {
  public static final Bindings EMPTY = new Bindings(new String[0], new Bound[0]);

  private final String[] names;
  private final Bound[] values;

  private Bindings(String[] names, Bound[] values) {
    this.names = names;
    this.values = values;
  }

  /** The binding of {@code name} (with or without {@code $}), if any. */
  public Optional<Bound> get(String name) {
    int i = Arrays.binarySearch(names, strip(name));
    return i >= 0 ? Optional.of(values[i]) : Optional.empty();
  }

  /**
   * These bindings plus {@code name = value}, or null when {@code name} is already bound to
   * different code (Semgrep's {@code check_and_add_metavar_binding}).
   */
  public Bindings with(String name, Bound value) {
    int i = Arrays.binarySearch(names, name);
    if (i >= 0) {
      return values[i].sameValue(value) ? this : null;
    }
    int at = -i - 1;
    String[] n = new String[names.length + 1];
    Bound[] v = new Bound[values.length + 1];
    System.arraycopy(names, 0, n, 0, at);
    System.arraycopy(values, 0, v, 0, at);
    n[at] = name;
    v[at] = value;
    System.arraycopy(names, at, n, at + 1, names.length - at);
    System.arraycopy(values, at, v, at + 1, values.length - at);
    return new Bindings(n, v);
  }

  /** Whether any of {@code names} (without {@code $}) is bound. */
  boolean bindsAny(java.util.Set<String> names) {
    for (String name : this.names) {
      if (names.contains(name)) {
        return true;
      }
    }
    return false;
  }

  Bindings with(String name, SyntaxTree tree, int node) {
    return with(name, new Bound.Node(tree, node));
  }

  /** Both sets of bindings together, or null when they disagree on a name. */
  public Bindings merge(Bindings other) {
    Bindings result = this;
    for (int i = 0; i < other.names.length && result != null; i++) {
      result = result.with(other.names[i], other.values[i]);
    }
    return result;
  }

  /** Name (with {@code $}) to bound text, in name order: for messages and debugging. */
  public Map<String, String> asText() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put("$" + names[i], values[i].text());
    }
    return map;
  }

  static String strip(String name) {
    return name.startsWith("$") ? name.substring(1) : name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bindings other && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(names) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return asText().toString();
  }
}
