package dev.ward.codeshield.pattern;

/**
 * A matched range of the scanned text (char offsets, end exclusive) with the bindings that made it
 * match. Rules combine matches by range: inside, equal, intersecting.
 */
public record Match(int start, int end, Bindings bindings) {
  public Match {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("match range must satisfy 0 <= start <= end, got " + start + ".." + end);
    }
    if (bindings == null) {
      throw new IllegalArgumentException("bindings must not be null");
    }
  }

  /** Whether this range lies within {@code other}'s. */
  public boolean within(Match other) {
    return other.start <= start && end <= other.end;
  }

  public boolean sameRange(Match other) {
    return start == other.start && end == other.end;
  }

  public Match withBindings(Bindings newBindings) {
    return new Match(start, end, newBindings);
  }
}
