package dev.ward.codeshield.rule;

/** A rule's id: letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit. */
public record RuleId(String value) implements Comparable<RuleId> {
  public RuleId {
    if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new IllegalArgumentException("rule id must be 1-128 letters, digits, '.', '_' or '-', starting with"
          + " a letter or digit, got '" + value + "'");
    }
  }

  @Override
  public int compareTo(RuleId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
