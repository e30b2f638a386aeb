package dev.ward.codeshield;

import java.util.List;

/**
 * The outcome of one scan: findings in input order, the treatment they call for, and what could
 * not be scanned.
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

  public boolean isClean() {
    return findings.isEmpty();
  }
}
