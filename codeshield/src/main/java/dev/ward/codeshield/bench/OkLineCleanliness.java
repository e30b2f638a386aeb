package dev.ward.codeshield.bench;

import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.Finding;
import dev.ward.codeshield.rule.RuleTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * False positives on code known to be clean: every {@code ok:} line of the rule test files,
 * scanned with all rules (not just the rule the line was written for). A clean line has no finding
 * at all.
 */
public final class OkLineCleanliness {
  private OkLineCleanliness() {}

  /** Counts; {@code dirty} names each flagged line as "file:line rule-ids". */
  public record Result(int okLines, int clean, List<String> dirty) {
    public double rate() {
      return okLines == 0 ? 1 : (double) clean / okLines;
    }
  }

  public static Result measure(CodeShield shield, Path rulesRoot) throws IOException {
    int total = 0;
    int clean = 0;
    Set<String> dirty = new LinkedHashSet<>();
    Set<Path> seen = new HashSet<>();
    for (RuleTests.Case c : RuleTests.discover(rulesRoot)) {
      if (!seen.add(c.testFile())) {
        continue;
      }
      String code = Files.readString(c.testFile());
      SortedSet<Integer> okLines = RuleTests.okLines(code, c.language());
      List<Finding> findings = shield.scan(code, c.language()).findings();
      for (int line : okLines) {
        total++;
        List<String> onLine = findings.stream().filter(f -> f.line() == line).map(Finding::ruleId).toList();
        if (onLine.isEmpty()) {
          clean++;
        } else {
          dirty.add(c.testFile().getFileName() + ":" + line + " " + onLine);
        }
      }
    }
    return new Result(total, clean, List.copyOf(dirty));
  }
}
