package dev.ward.guardrails;

import dev.ward.codeshield.ScanResult;
import dev.ward.codeshield.Treatment;
import dev.ward.taxonomy.Action;
import dev.ward.taxonomy.CategoryPolicy;
import dev.ward.taxonomy.ConfigDocument;
import dev.ward.taxonomy.HazardCode;
import dev.ward.taxonomy.Policy;
import dev.ward.taxonomy.Taxonomy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Guardrails} does with what its checks find.
 *
 * <ul>
 *   <li>Hazard categories: the guard's unsafe probability against a threshold, per category or
 *       the default one; each category (or the default, for an unsafe verdict that named none)
 *       has an action. Without its own rules, the taxonomy's {@code policy:} section applies, and
 *       without that, everything unsafe is blocked.
 *   <li>Code Shield: its treatment of the answer's code ({@code block}, {@code warn},
 *       {@code ignore}) mapped to an action.
 *   <li>Failures: a check that could not be done (timeout, overload, a dead backend, an answer
 *       outside the Llama Guard format, an incomplete scan) takes the action of its kind. Failing
 *       open means {@code warn} or {@code log}: a failure is never silently allowed, so
 *       {@code allow} is refused. The default fails closed, except for incomplete scans, which warn.
 *   <li>Which checks run: the guard on input, the guard on output, Code Shield on output.
 * </ul>
 *
 * @param taxonomy the categories to check against; empty for the guard's own
 * @param threshold the unsafe probability at which a category without its own threshold counts
 * @param categories per-category rules; empty for the taxonomy's own policy
 * @param codeShield the action for each Code Shield treatment
 * @param failures the action for each kind of failure
 * @param checks which checks run
 */
public record GuardrailPolicy(Optional<Taxonomy> taxonomy, double threshold,
    Optional<Policy> categories, Map<Treatment, Action> codeShield,
    Map<Failure.Kind, Action> failures, Checks checks) {

  /** Fail closed, block every unsafe category at 0.5, block what Code Shield blocks. */
  public static final GuardrailPolicy DEFAULT = builder().build();

  public GuardrailPolicy {
    Objects.requireNonNull(taxonomy, "taxonomy");
    Objects.requireNonNull(categories, "categories");
    Objects.requireNonNull(checks, "checks");
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be within [0, 1]; got " + threshold);
    }
    codeShield = complete(codeShield, Treatment.class, "Code Shield treatment");
    failures = complete(failures, Failure.Kind.class, "failure kind");
    failures.forEach((kind, action) -> {
      if (action == Action.ALLOW) {
        throw new IllegalArgumentException("a failed check is never silently allowed: the action "
            + "for failure kind '" + kind.id() + "' must be block (fail closed), warn or log "
            + "(fail open); got allow");
      }
    });
  }

  private static <K extends Enum<K>> Map<K, Action> complete(Map<K, Action> map, Class<K> type,
      String what) {
    Objects.requireNonNull(map, what + " actions");
    for (K key : type.getEnumConstants()) {
      if (map.get(key) == null) {
        throw new IllegalArgumentException("no action for " + what + " " + key);
      }
    }
    return Map.copyOf(new EnumMap<>(map));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.taxonomy = taxonomy.orElse(null);
    b.threshold = threshold;
    categories.ifPresent(p -> {
      b.fallback = p.fallback();
      b.perCategory.putAll(p.perCategory());
    });
    b.explicitCategories = categories.isPresent();
    b.codeShield.putAll(codeShield);
    b.failures.putAll(failures);
    b.checks = checks;
    return b;
  }

  /**
   * Reads a policy file (YAML or JSON); problems name the file, line and field. The shape:
   *
   * <pre>{@code
   * taxonomy: llama-guard-3          # a built-in name or a taxonomy file (relative to this one)
   * threshold: 0.5                   # default unsafe-probability threshold
   * default: block                   # action for categories without their own rule
   * categories:
   *   S7: {action: warn, threshold: 0.8}
   *   S6: log
   * codeshield: {block: block, warn: warn, ignore: allow}
   * on_failure: block                # fail closed; warn or log fail open
   * failures: {timeout: warn, incomplete_scan: warn}
   * checks: {input: true, output: true, code: true}
   * }</pre>
   */
  public static GuardrailPolicy load(Path file) {
    return PolicyReader.read(ConfigDocument.read(file), "", file.toAbsolutePath().getParent());
  }

  /**
   * Reads the policy at {@code path} of a larger configuration document (empty for the whole
   * document); a taxonomy file it names is resolved against {@code baseDir}.
   */
  public static GuardrailPolicy read(ConfigDocument document, String path, Path baseDir) {
    return PolicyReader.read(document, path, baseDir);
  }

  /**
   * The decision this policy takes on a Code Shield result the caller obtained itself (as
   * {@code ward scan} does): its treatment mapped to an action, an incomplete scan an
   * {@link Failure.Kind#INCOMPLETE_SCAN} failure, exactly as in {@link Guardrails#checkCode}.
   */
  public Decision decide(ScanResult result, Duration latency) {
    Outcome outcome = new Outcome(this);
    outcome.scan(result);
    return outcome.decide(Check.CODE, latency);
  }

  /** The category rules in force under a taxonomy (the guard's when the policy names none). */
  Policy categoryRules(Taxonomy in) {
    return categories.orElse(in.policy());
  }

  /**
   * The lowest probability at which any category rule acts under a taxonomy: a guard must name
   * categories from there on, or a rule would act without knowing which categories were flagged.
   */
  public double lowestThreshold(Taxonomy in) {
    Policy rules = categoryRules(in);
    double lowest = rules.fallback().threshold().orElse(threshold);
    for (CategoryPolicy rule : rules.perCategory().values()) {
      lowest = Math.min(lowest, rule.threshold().orElse(threshold));
    }
    return lowest;
  }

  Action onFailure(Failure.Kind kind) {
    return failures.get(kind);
  }

  /**
   * Which checks run.
   *
   * @param input the guard on the user's side before the model is called
   * @param output the guard on the model's answer
   * @param code Code Shield on the model's answer
   */
  public record Checks(boolean input, boolean output, boolean code) {
    public static final Checks ALL = new Checks(true, true, true);
  }

  /** Builds a {@link GuardrailPolicy}; every setting has a default. */
  public static final class Builder {
    private Taxonomy taxonomy;
    private double threshold = 0.5;
    private boolean explicitCategories;
    private CategoryPolicy fallback = Policy.BLOCK_ALL.fallback();
    private final Map<HazardCode, CategoryPolicy> perCategory = new HashMap<>();
    private final Map<Treatment, Action> codeShield = new EnumMap<>(Map.of(
        Treatment.BLOCK, Action.BLOCK, Treatment.WARN, Action.WARN, Treatment.IGNORE, Action.ALLOW));
    private final Map<Failure.Kind, Action> failures = new EnumMap<>(Failure.Kind.class);
    private Checks checks = Checks.ALL;

    private Builder() {
      for (Failure.Kind kind : Failure.Kind.values()) {
        failures.put(kind, kind == Failure.Kind.INCOMPLETE_SCAN ? Action.WARN : Action.BLOCK);
      }
    }

    /** The categories to check against (default: the guard model's own). */
    public Builder taxonomy(Taxonomy value) {
      taxonomy = value;
      return this;
    }

    /** The unsafe probability at which a category without its own threshold counts. */
    public Builder threshold(double value) {
      threshold = value;
      return this;
    }

    /** The action for unsafe categories without their own rule (default: block). */
    public Builder defaultAction(Action action) {
      return defaultRule(CategoryPolicy.of(action));
    }

    /** The rule for unsafe categories without their own. */
    public Builder defaultRule(CategoryPolicy rule) {
      fallback = Objects.requireNonNull(rule, "rule");
      explicitCategories = true;
      return this;
    }

    /** One category's action at the default threshold. */
    public Builder category(String code, Action action) {
      return category(code, CategoryPolicy.of(action));
    }

    /** One category's action from its own threshold on. */
    public Builder category(String code, Action action, double categoryThreshold) {
      return category(code, CategoryPolicy.of(action, categoryThreshold));
    }

    public Builder category(String code, CategoryPolicy rule) {
      perCategory.put(HazardCode.of(code), Objects.requireNonNull(rule, "rule"));
      explicitCategories = true;
      return this;
    }

    /** The action for a Code Shield treatment. */
    public Builder codeShield(Treatment treatment, Action action) {
      codeShield.put(Objects.requireNonNull(treatment, "treatment"),
          Objects.requireNonNull(action, "action"));
      return this;
    }

    /** The action for every kind of failure: block fails closed; warn or log fail open. */
    public Builder onFailure(Action action) {
      for (Failure.Kind kind : Failure.Kind.values()) {
        failures.put(kind, Objects.requireNonNull(action, "action"));
      }
      return this;
    }

    /** The action for one kind of failure. */
    public Builder onFailure(Failure.Kind kind, Action action) {
      failures.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(action, "action"));
      return this;
    }

    public Builder checks(Checks value) {
      checks = Objects.requireNonNull(value, "checks");
      return this;
    }

    public GuardrailPolicy build() {
      Optional<Policy> rules = explicitCategories
          ? Optional.of(new Policy(fallback, perCategory)) : Optional.empty();
      if (taxonomy != null) {
        for (HazardCode code : perCategory.keySet()) {
          if (!taxonomy.contains(code)) {
            throw new IllegalArgumentException("taxonomy '" + taxonomy.name()
                + "' has no category " + code);
          }
        }
      }
      return new GuardrailPolicy(Optional.ofNullable(taxonomy), threshold, rules, codeShield,
          failures, checks);
    }
  }
}
