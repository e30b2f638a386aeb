package dev.ward.codeshield;

import java.util.EnumMap;
import java.util.Map;

/**
 * Maps finding severities to treatments, and says how to treat a scan that could not check all
 * of its input. A scan's treatment is the strictest over its findings and, if it is not
 * {@linkplain ScanResult#complete() complete}, {@link #incomplete()}; {@link Treatment#IGNORE}
 * only for a complete scan without findings. The default is Code Shield's ({@code ERROR} blocks,
 * anything else warns) and warns about incomplete scans.
 *
 * @param incomplete the treatment of a scan that left part of its input unchecked
 */
public record TreatmentPolicy(Map<Severity, Treatment> bySeverity, Treatment incomplete) {
  public static final TreatmentPolicy DEFAULT = new TreatmentPolicy(Map.of(
      Severity.ERROR, Treatment.BLOCK, Severity.WARNING, Treatment.WARN, Severity.ADVICE, Treatment.WARN));

  public TreatmentPolicy {
    for (Severity s : Severity.values()) {
      if (bySeverity == null || bySeverity.get(s) == null) {
        throw new IllegalArgumentException("treatment policy has no treatment for severity " + s);
      }
    }
    if (incomplete == null) {
      throw new IllegalArgumentException("treatment policy needs a treatment for incomplete scans");
    }
    bySeverity = Map.copyOf(new EnumMap<>(bySeverity));
  }

  /** A policy that warns about incomplete scans. */
  public TreatmentPolicy(Map<Severity, Treatment> bySeverity) {
    this(bySeverity, Treatment.WARN);
  }

  /** This policy with another treatment for incomplete scans. */
  public TreatmentPolicy withIncomplete(Treatment treatment) {
    return new TreatmentPolicy(bySeverity, treatment);
  }

  public Treatment treatmentOf(Severity severity) {
    return bySeverity.get(severity);
  }

  /** The strictest treatment over {@code findings}, as if the scan were complete. */
  public Treatment treatmentOf(Iterable<Finding> findings) {
    Treatment result = Treatment.IGNORE;
    for (Finding f : findings) {
      result = result.max(treatmentOf(f.severity()));
    }
    return result;
  }

  /** The treatment of a scan with these findings that was or was not complete. */
  public Treatment treatmentOf(Iterable<Finding> findings, boolean complete) {
    Treatment result = treatmentOf(findings);
    return complete ? result : result.max(incomplete);
  }
}
