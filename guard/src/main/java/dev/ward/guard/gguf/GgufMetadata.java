package dev.ward.guard.gguf;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key-value metadata of a GGUF file, with typed accessors whose errors name the key, the
 * type expected and the type found. Scalars are boxed Java values: integers as {@code Integer}
 * (up to 32 bits, but UINT32) or {@code Long}, floats as {@code Float} or {@code Double}, then
 * {@code Boolean}, {@code String} and {@link GgufArray}.
 */
public final class GgufMetadata {
  private final Map<String, Object> values;

  GgufMetadata(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public boolean contains(String key) {
    return values.containsKey(key);
  }

  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public Optional<String> string(String key) {
    return typed(key, String.class, "a string");
  }

  public String requireString(String key) {
    return string(key).orElseThrow(() -> missing(key, "a string"));
  }

  public Optional<Long> integer(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Integer i) {
      return Optional.of(i.longValue());
    }
    if (value instanceof Long l) {
      return Optional.of(l);
    }
    throw wrongType(key, "an integer", value);
  }

  /** An integer key that must lie in {@code [min, max]}. */
  public Optional<Integer> intInRange(String key, int min, int max) {
    return integer(key).map(v -> {
      if (v < min || v > max) {
        throw new GgufException("metadata '" + key + "' = " + v + " is out of range; expected "
            + min + ".." + max);
      }
      return v.intValue();
    });
  }

  public int requireInt(String key, int min, int max) {
    return intInRange(key, min, max).orElseThrow(() -> missing(key, "an integer"));
  }

  public Optional<Double> number(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Float f) {
      return Optional.of(f.doubleValue());
    }
    if (value instanceof Double d) {
      return Optional.of(d);
    }
    throw wrongType(key, "a float", value);
  }

  public Optional<GgufArray> array(String key) {
    return typed(key, GgufArray.class, "an array");
  }

  /** A string array, e.g. {@code tokenizer.ggml.tokens}. */
  public Optional<List<String>> strings(String key) {
    return array(key).map(a -> {
      if (!a.elementType().equals("STRING")) {
        throw new GgufException("metadata '" + key + "' must be an array of strings; found an array of "
            + a.elementType());
      }
      return a.strings();
    });
  }

  /** An integer array of at most 32-bit elements, e.g. {@code tokenizer.ggml.token_type}. */
  public Optional<int[]> ints(String key) {
    return array(key).map(a -> {
      if (a.values() instanceof int[] ints) {
        return ints;
      }
      throw new GgufException("metadata '" + key + "' must be an array of 32-bit integers; found an array of "
          + a.elementType());
    });
  }

  private <T> Optional<T> typed(String key, Class<T> type, String expected) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isInstance(value)) {
      throw wrongType(key, expected, value);
    }
    return Optional.of(type.cast(value));
  }

  private static GgufException missing(String key, String expected) {
    return new GgufException("metadata '" + key + "' is missing; expected " + expected);
  }

  private static GgufException wrongType(String key, String expected, Object value) {
    String found = value instanceof GgufArray a ? "an array of " + a.elementType()
        : value.getClass().getSimpleName();
    return new GgufException("metadata '" + key + "' must be " + expected + "; found " + found);
  }
}
