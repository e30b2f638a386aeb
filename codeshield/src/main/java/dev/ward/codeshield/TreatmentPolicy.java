package dev.ward.codeshield;

import java.util.EnumMap;
import java.util.Map;

/**
 * Maps finding severities to treatments; a scan's treatment is the strictest over its findings,
 * or {@link Treatment#IGNORE} without findings. The default is Code Shield's: {@code ERROR}
 * blocks, anything else warns.
 */
public record TreatmentPolicy(Map<Severity, Treatment> bySeverity) {
  public static final TreatmentPolicy DEFAULT = new TreatmentPolicy(Map.of(
      Severity.ERROR, Treatment.BLOCK, Severity.WARNING, Treatment.WARN, Severity.ADVICE, Treatment.WARN));

  public TreatmentPolicy {
    for (Severity s : Severity.values()) {
      if (bySeverity == null || bySeverity.get(s) == null) {
        throw new IllegalArgumentException("treatment policy has no treatment for severity " + s);
      }
    }
    bySeverity = Map.copyOf(new EnumMap<>(bySeverity));
  }

  public Treatment treatmentOf(Severity severity) {
    return bySeverity.get(severity);
  }

  public Treatment treatmentOf(Iterable<Finding> findings) {
    Treatment result = Treatment.IGNORE;
    for (Finding f : findings) {
      result = result.max(treatmentOf(f.severity()));
    }
    return result;
  }
}
