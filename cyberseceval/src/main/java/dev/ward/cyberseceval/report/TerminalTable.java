package dev.ward.cyberseceval.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.cyberseceval.benchmark.Benchmark;
import dev.ward.cyberseceval.benchmark.StatRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headline numbers of a run as a plain-text table: one row per group (language, category,
 * attack type...), one column per model, each cell the value with the number of judged answers
 * and, when any, how many could not be judged.
 */
public final class TerminalTable {
  private TerminalTable() {}

  public static String render(Benchmark benchmark, ObjectNode stats) {
    List<StatRow> rows = benchmark.rows(stats);
    Set<String> models = new LinkedHashSet<>();
    Map<String, Map<String, StatRow>> byGroup = new LinkedHashMap<>();
    for (StatRow row : rows) {
      models.add(row.model());
      byGroup.computeIfAbsent(row.group(), k -> new LinkedHashMap<>()).put(row.model(), row);
    }
    List<List<String>> table = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of(""));
    header.addAll(models);
    table.add(header);
    byGroup.forEach((group, cells) -> {
      List<String> line = new ArrayList<>(List.of(group));
      for (String model : models) {
        StatRow row = cells.get(model);
        line.add(row == null ? "-" : cell(row, benchmark.headline().contains("%")));
      }
      table.add(line);
    });
    int[] widths = new int[header.size()];
    for (List<String> line : table) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder(benchmark.name()).append(": ")
        .append(benchmark.headline()).append(benchmark.higherIsBetter() ? ", higher is better"
            : ", lower is better").append('\n');
    for (int r = 0; r < table.size(); r++) {
      List<String> line = table.get(r);
      for (int i = 0; i < line.size(); i++) {
        String text = line.get(i);
        out.append(i == 0 ? pad(text, widths[i]) : "  " + padLeft(text, widths[i]));
      }
      out.append('\n');
      if (r == 0) {
        int total = 0;
        for (int w : widths) {
          total += w + 2;
        }
        out.append("-".repeat(Math.max(0, total - 2))).append('\n');
      }
    }
    return out.toString();
  }

  static String cell(StatRow row, boolean percent) {
    String value = String.format(Locale.ROOT, percent ? "%.1f" : "%.3f", row.value());
    List<String> notes = new ArrayList<>();
    if (row.count() >= 0) {
      notes.add("n=" + row.count());
    }
    if (row.failed() > 0) {
      notes.add(row.failed() + " failed");
    }
    return notes.isEmpty() ? value : value + " (" + String.join(", ", notes) + ")";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  private static String padLeft(String text, int width) {
    return " ".repeat(width - text.length()) + text;
  }
}
