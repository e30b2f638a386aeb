package dev.ward.taxonomy;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to do when a guard flags content: one {@link CategoryPolicy} per category, and a default
 * for categories without one. The default policy blocks everything.
 */
public record Policy(CategoryPolicy fallback, Map<HazardCode, CategoryPolicy> perCategory) {
  public static final Policy BLOCK_ALL = new Policy(CategoryPolicy.of(Action.BLOCK), Map.of());

  public Policy {
    Objects.requireNonNull(fallback, "fallback");
    perCategory = Map.copyOf(perCategory);
  }

  public CategoryPolicy forCategory(HazardCode code) {
    return perCategory.getOrDefault(code, fallback);
  }

  /**
   * The strictest action among the flagged categories whose threshold the probability reaches.
   * An unsafe verdict without categories (the model named none, or its answer was malformed)
   * takes the fallback policy, so a policy that blocks by default fails closed.
   *
   * @param flagged categories the guard named
   * @param unsafeProbability the guard's probability that the content is unsafe
   * @param defaultThreshold the threshold for categories that set none
   */
  public Action decide(Collection<HazardCategory> flagged, double unsafeProbability,
      double defaultThreshold) {
    if (flagged.isEmpty()) {
      return unsafeProbability >= fallback.thresholdOr(defaultThreshold)
          ? fallback.action() : Action.ALLOW;
    }
    Action result = Action.ALLOW;
    for (HazardCategory category : flagged) {
      CategoryPolicy policy = forCategory(category.code());
      if (unsafeProbability >= policy.thresholdOr(defaultThreshold)) {
        result = result.strictest(policy.action());
      }
    }
    return result;
  }

  /** Sorted by code, for stable output. */
  public Map<HazardCode, CategoryPolicy> sortedPerCategory() {
    return new TreeMap<>(perCategory);
  }
}
