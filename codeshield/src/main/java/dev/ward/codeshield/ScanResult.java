package dev.ward.codeshield;

import java.util.List;

/**
 * The outcome of one scan: findings in input order, the treatment they call for, and what could
 * not be scanned. A scan that left part of its input unchecked is not {@link #complete()}: its
 * findings are the ones found before it stopped, its {@link #problems()} say why, and its
 * treatment is at least the policy's {@linkplain TreatmentPolicy#incomplete() treatment for
 * incomplete scans}, so it never passes for clean code.
 *
 * @param blocks how many code blocks were scanned (1 for raw code; the fenced blocks of an answer)
 */
public record ScanResult(List<Finding> findings, Treatment treatment, List<ScanProblem> problems, int blocks) {
  public ScanResult {
    findings = List.copyOf(findings);
    problems = List.copyOf(problems);
    if (treatment == null) {
      throw new IllegalArgumentException("scan result needs a treatment");
    }
    if (blocks < 0) {
      throw new IllegalArgumentException("blocks must be >= 0, got " + blocks);
    }
  }

  /**
   * Whether every part of the input was fully checked: false when a limit, a timeout, undecodable
   * text or a failing rule left some of it unscanned (see {@link ScanProblem.Kind#incomplete()}).
   */
  public boolean complete() {
    return problems.stream().noneMatch(p -> p.kind().incomplete());
  }

  /** Fully checked and nothing found. */
  public boolean isClean() {
    return findings.isEmpty() && complete();
  }
}
