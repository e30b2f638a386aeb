package dev.ward.guardrails;

import dev.ward.codeshield.Finding;
import dev.ward.codeshield.ScanProblem;
import dev.ward.codeshield.ScanResult;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.taxonomy.Action;
import dev.ward.taxonomy.CategoryPolicy;
import dev.ward.taxonomy.HazardCategory;
import dev.ward.taxonomy.Policy;
import dev.ward.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A decision being assembled: each check's result goes through the policy and may raise the
 * action, adding its reason. Filled by one thread once the checks have ended.
 */
final class Outcome {
  private final GuardrailPolicy policy;
  private Action action = Action.ALLOW;
  private final List<String> reasons = new ArrayList<>();
  private final List<CategoryScore> categories = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private OptionalDouble unsafeProbability = OptionalDouble.empty();
  private Optional<Verdict> verdict = Optional.empty();

  Outcome(GuardrailPolicy policy) {
    this.policy = policy;
  }

  /** A guard verdict under the policy's category rules. */
  void verdict(Verdict v, Taxonomy taxonomy) {
    verdict = Optional.of(v);
    double p = v.unsafeProbability();
    unsafeProbability = OptionalDouble.of(p);
    if (!v.answered()) {
      unsafeProbability = OptionalDouble.empty();
      failure(new Failure(Failure.Kind.MALFORMED, "guard", v.malformed().orElseThrow()));
      return;
    }
    // A categories line that does not parse matters only where a rule would act on the
    // categories; below every threshold the content passes whatever the line says.
    if (v.malformed().isPresent() && p >= policy.lowestThreshold(taxonomy)) {
      failure(new Failure(Failure.Kind.MALFORMED, "guard", "the categories line: "
          + v.malformed().get()));
    }
    Policy rules = policy.categoryRules(taxonomy);
    if (v.categories().isEmpty()) {
      double threshold = rules.fallback().threshold().orElse(policy.threshold());
      if (p >= threshold) {
        raise(rules.fallback().action(), "unsafe (P=" + format(p) + " >= " + format(threshold)
            + ") without a category named");
      }
      return;
    }
    for (HazardCategory category : v.categories()) {
      CategoryPolicy rule = rules.forCategory(category.code());
      double threshold = rule.threshold().orElse(policy.threshold());
      Action categoryAction = p >= threshold ? rule.action() : Action.ALLOW;
      categories.add(new CategoryScore(category, p, categoryAction));
      raise(categoryAction, category.code() + " " + category.name() + " (P=" + format(p)
          + " >= " + format(threshold) + ")");
    }
  }

  /** A Code Shield result under the policy's treatment mapping. */
  void scan(ScanResult result) {
    findings.addAll(result.findings());
    if (!result.findings().isEmpty()) {
      Action mapped = policy.codeShield().get(result.treatment());
      raise(mapped, "insecure code: " + result.findings().stream()
          .map(f -> f.cwe() + " " + f.ruleId() + " at line " + f.line())
          .distinct().limit(5).collect(Collectors.joining(", "))
          + (result.findings().size() > 5 ? " and " + (result.findings().size() - 5) + " more" : ""));
    }
    List<ScanProblem> unscanned = result.problems().stream().filter(p -> p.kind().incomplete())
        .toList();
    if (!unscanned.isEmpty()) {
      failure(new Failure(Failure.Kind.INCOMPLETE_SCAN, "codeshield", unscanned.stream()
          .map(p -> "line " + p.line() + ": " + p.message()).distinct().limit(3)
          .collect(Collectors.joining("; "))));
    }
  }

  /** A check that could not be done: the policy's action for its kind. */
  void failure(Failure failure) {
    failures.add(failure);
    raise(policy.onFailure(failure.kind()), failure.source() + " " + failure.kind().id() + ": "
        + failure.message());
  }

  private void raise(Action to, String reason) {
    if (to != Action.ALLOW) {
      action = action.strictest(to);
      reasons.add(to.id() + ": " + reason);
    }
  }

  Decision decide(Check check, Duration latency) {
    return new Decision(check, action, reasons, categories, unsafeProbability, findings, failures,
        verdict, latency);
  }

  private static String format(double probability) {
    return String.format(Locale.ROOT, "%.3f", probability);
  }
}
