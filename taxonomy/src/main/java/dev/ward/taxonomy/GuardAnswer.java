package dev.ward.taxonomy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A guard model's answer, parsed. Llama Guard answers {@code safe}, or {@code unsafe} and on the
 * next line the violated codes, comma-separated ({@code S1,S10}). Anything else is
 * {@link Malformed}: a caller decides how to treat it, and nothing here treats it as safe.
 */
public sealed interface GuardAnswer {

  /** The model said the content is safe. */
  record Safe() implements GuardAnswer {}

  /** The model said the content is unsafe and named these categories, in its order. */
  record Unsafe(List<HazardCategory> categories) implements GuardAnswer {
    public Unsafe {
      categories = List.copyOf(categories);
      if (categories.isEmpty()) {
        throw new IllegalArgumentException("an unsafe answer names at least one category");
      }
    }
  }

  /** The answer does not follow the format; {@code reason} says how. */
  record Malformed(String reason) implements GuardAnswer {
    public Malformed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Parses an answer whose codes are the taxonomy's own. */
  static GuardAnswer parse(String output, Taxonomy taxonomy) {
    return parse(output, taxonomy::category);
  }

  /**
   * Parses an answer, resolving each code through {@code categories}: a prompt that renumbered
   * its categories passes the mapping back to the taxonomy's.
   */
  static GuardAnswer parse(String output,
      Function<HazardCode, Optional<HazardCategory>> categories) {
    if (output == null) {
      return new Malformed("no answer");
    }
    List<String> lines = output.strip().lines().map(String::strip)
        .filter(line -> !line.isEmpty()).toList();
    if (lines.isEmpty()) {
      return new Malformed("empty answer");
    }
    String verdict = lines.getFirst();
    if (verdict.equals("safe")) {
      return lines.size() == 1 ? new Safe()
          : new Malformed("text after 'safe': '" + excerpt(lines.get(1)) + "'");
    }
    if (!verdict.equals("unsafe")) {
      return new Malformed("first line is neither 'safe' nor 'unsafe': '" + excerpt(verdict) + "'");
    }
    if (lines.size() == 1) {
      return new Malformed("'unsafe' without a line of categories");
    }
    if (lines.size() > 2) {
      return new Malformed("text after the categories: '" + excerpt(lines.get(2)) + "'");
    }
    Set<HazardCategory> named = new LinkedHashSet<>();
    for (String part : lines.get(1).split(",", -1)) {
      String text = part.strip();
      HazardCode code;
      try {
        code = HazardCode.of(text);
      } catch (IllegalArgumentException e) {
        return new Malformed("not a category code: '" + excerpt(text) + "'");
      }
      Optional<HazardCategory> category = categories.apply(code);
      if (category.isEmpty()) {
        return new Malformed("unknown category " + code);
      }
      named.add(category.get());
    }
    return new Unsafe(new ArrayList<>(named));
  }

  private static String excerpt(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
