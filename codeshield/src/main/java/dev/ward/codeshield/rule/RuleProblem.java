package dev.ward.codeshield.rule;

/**
 * A problem loading a rule: data, not an exception, so one bad rule does not stop the others
 * (Semgrep's {@code Rule_error}).
 *
 * @param ruleId the rule's id, or {@code "-"} when the problem is before any id is known
 * @param location the file and the path inside it, e.g. {@code c/strcpy.yaml: rules[0].patterns[1]}
 */
public record RuleProblem(Kind kind, String ruleId, String location, String message) {
  /** What is wrong. */
  public enum Kind { INVALID_YAML, MISSING_FIELD, INVALID_VALUE, UNKNOWN_KEY, INVALID_PATTERN, INVALID_REGEX, DUPLICATE_ID }

  public RuleProblem {
    if (kind == null || ruleId == null || location == null || message == null) {
      throw new IllegalArgumentException("rule problem needs kind, rule id, location and message");
    }
  }

  @Override
  public String toString() {
    return location + ": " + kind + " in rule " + ruleId + ": " + message;
  }
}
