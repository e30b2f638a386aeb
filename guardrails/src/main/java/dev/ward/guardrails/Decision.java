package dev.ward.guardrails;

import dev.ward.codeshield.Finding;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.taxonomy.Action;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What to do with a prompt or an answer, and why: the policy applied to what the checks found.
 *
 * @param check which check this answers
 * @param action the strictest action any finding, category or failure called for
 * @param reasons one line per thing that raised the action above {@code ALLOW}, in plain words
 * @param categories the hazard categories the guard named, each with the action it called for
 * @param unsafeProbability the guard's probability that the content is unsafe; empty when the
 *     guard did not run or could not answer
 * @param findings Code Shield's findings in the answer's code
 * @param failures checks that could not be done; the policy's failure actions are in
 *     {@code action}
 * @param verdict the guard's raw verdict, when it answered
 * @param latency time from the call to the decision
 */
public record Decision(Check check, Action action, List<String> reasons,
    List<CategoryScore> categories, OptionalDouble unsafeProbability, List<Finding> findings,
    List<Failure> failures, Optional<Verdict> verdict, Duration latency) {

  public Decision {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(action, "action");
    reasons = List.copyOf(reasons);
    categories = List.copyOf(categories);
    Objects.requireNonNull(unsafeProbability, "unsafeProbability");
    findings = List.copyOf(findings);
    failures = List.copyOf(failures);
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(latency, "latency");
  }

  /** Whether the content must not pass. */
  public boolean blocked() {
    return action == Action.BLOCK;
  }

  /** Whether every check ran and nothing was found. */
  public boolean clean() {
    return action == Action.ALLOW && failures.isEmpty() && findings.isEmpty()
        && categories.isEmpty();
  }

  /** The first failure, if any check could not be done. */
  public Optional<Failure> failure() {
    return failures.isEmpty() ? Optional.empty() : Optional.of(failures.getFirst());
  }

  /** One line for logs and error messages: the reasons, each led by its action, or the action. */
  public String summary() {
    return reasons.isEmpty() ? action.id() : String.join("; ", reasons);
  }
}
