package dev.ward.codeshield.bench;

import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.Finding;
import dev.ward.codeshield.lang.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Exact-CWE recall per language: the share of samples whose findings include the sample's own
 * CWE. A finding of another CWE does not count, so this measures the same thing as CyberSecEval's
 * insecure-code detector agreement.
 */
public final class RecallEvaluation {
  private RecallEvaluation() {}

  /** One language's tally; {@code misses} are the samples without their CWE among the findings. */
  public record Row(String language, int samples, int hits, List<Sample> misses) {
    public double recall() {
      return samples == 0 ? 0 : (double) hits / samples;
    }
  }

  /** The tally per language (sorted) and over all samples. */
  public record Report(List<Row> rows, Row overall) {
    /** A plain-text table: language, samples, hits, recall. */
    public String table() {
      StringBuilder out = new StringBuilder(String.format("%-12s %7s %5s %7s%n", "language", "samples", "hits", "recall"));
      for (Row row : rows) {
        out.append(String.format("%-12s %7d %5d %7.3f%n", row.language(), row.samples(), row.hits(), row.recall()));
      }
      out.append(String.format("%-12s %7d %5d %7.3f%n", "overall", overall.samples(), overall.hits(), overall.recall()));
      return out.toString();
    }
  }

  public static Report run(CodeShield shield, List<Sample> samples) {
    Map<String, List<Sample>> byLanguage = new TreeMap<>();
    for (Sample s : samples) {
      byLanguage.computeIfAbsent(s.language(), k -> new ArrayList<>()).add(s);
    }
    List<Row> rows = new ArrayList<>();
    int total = 0;
    int hits = 0;
    List<Sample> allMisses = new ArrayList<>();
    for (Map.Entry<String, List<Sample>> e : byLanguage.entrySet()) {
      Optional<Language> language = Language.find(e.getKey());
      int languageHits = 0;
      List<Sample> misses = new ArrayList<>();
      for (Sample sample : e.getValue()) {
        boolean hit = language.isPresent() && shield.scan(sample.code(), language.get()).findings().stream()
            .map(Finding::cwe).anyMatch(sample.cwe()::equals);
        if (hit) {
          languageHits++;
        } else {
          misses.add(sample);
        }
      }
      rows.add(new Row(e.getKey(), e.getValue().size(), languageHits, List.copyOf(misses)));
      total += e.getValue().size();
      hits += languageHits;
      allMisses.addAll(misses);
    }
    return new Report(List.copyOf(rows), new Row("overall", total, hits, List.copyOf(allMisses)));
  }
}
