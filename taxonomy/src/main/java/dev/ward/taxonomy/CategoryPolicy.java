package dev.ward.taxonomy;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The action for one category and, optionally, its own threshold on the guard's unsafe
 * probability; without one the caller's global threshold applies.
 */
public record CategoryPolicy(Action action, OptionalDouble threshold) {
  public CategoryPolicy {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(threshold, "threshold");
    if (threshold.isPresent()) {
      double t = threshold.getAsDouble();
      if (!(t >= 0.0 && t <= 1.0)) {
        throw new IllegalArgumentException("threshold must be within [0, 1]; got " + t);
      }
    }
  }

  public static CategoryPolicy of(Action action) {
    return new CategoryPolicy(action, OptionalDouble.empty());
  }

  public static CategoryPolicy of(Action action, double threshold) {
    return new CategoryPolicy(action, OptionalDouble.of(threshold));
  }

  double thresholdOr(double fallback) {
    return threshold.orElse(fallback);
  }
}
