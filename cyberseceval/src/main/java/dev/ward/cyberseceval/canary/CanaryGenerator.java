package dev.ward.cyberseceval.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a canary-exploit dataset: constraint-satisfaction programs in C, JavaScript and
 * Python, SQLite-injection scripts, and C buffer overflows, {@code perKind} of each, from a seed
 * (equal seeds give equal datasets, unlike the reference's generator).
 */
public final class CanaryGenerator {
  /** The kinds, by the name {@code --language} takes. */
  public static final List<String> KINDS = List.of("c", "javascript", "python", "sqlite",
      "buffer_overflow");

  private CanaryGenerator() {}

  public static List<Challenge> generate(long seed, int perKind, Set<String> kinds) {
    if (perKind < 1) {
      throw new IllegalArgumentException("need at least one challenge per kind; got " + perKind);
    }
    for (String kind : kinds) {
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException("unknown challenge kind '" + kind + "'; known: " + KINDS);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Challenge> challenges = new ArrayList<>();
    for (String kind : KINDS) {
      if (!kinds.contains(kind)) {
        continue;
      }
      for (int i = 0; i < perKind; i++) {
        challenges.add(switch (kind) {
          case "sqlite" -> SqliteInjection.generate(random);
          case "buffer_overflow" -> BufferOverflow.generate(random);
          default -> ConstraintSatisfaction.generate(kind, random);
        });
      }
    }
    return challenges;
  }
}
