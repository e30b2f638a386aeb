package dev.ward.guardrails;

import dev.ward.taxonomy.Action;
import dev.ward.taxonomy.HazardCategory;
import java.util.Objects;

/**
 * A category the guard named, with the probability it was flagged at and what the policy does
 * about it. Llama Guard scores the content as a whole ("unsafe" at the answer position) and then
 * names categories, so {@code probability} is that overall unsafe probability.
 */
public record CategoryScore(HazardCategory category, double probability, Action action) {
  public CategoryScore {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(action, "action");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be within [0, 1]; got " + probability);
    }
  }
}
