package dev.ward.codeshield.report;

import dev.ward.codeshield.Finding;
import dev.ward.codeshield.ScanProblem;
import dev.ward.codeshield.ScanResult;
import dev.ward.codeshield.Treatment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings as JSON-ready maps, with the field names CyberSecEval and Code Shield use:
 * {@code rule_id, cwe, severity, message, language, line, column, end_line, end_column, snippet}.
 * Lines and columns are 1-based.
 */
public final class JsonReport {
  private JsonReport() {}

  public static Map<String, Object> finding(Finding f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rule_id", f.ruleId());
    json.put("cwe", f.cwe());
    json.put("severity", f.severity().name());
    json.put("message", f.message());
    json.put("language", f.language().id());
    json.put("line", f.line());
    json.put("column", f.column());
    json.put("end_line", f.endLine());
    json.put("end_column", f.endColumn());
    json.put("snippet", f.snippet());
    return json;
  }

  public static Map<String, Object> problem(ScanProblem p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", p.kind().name());
    json.put("line", p.line());
    json.put("message", p.message());
    return json;
  }

  /**
   * {@code {"treatment", "complete", "issues": [...], "problems": [...]}} for one scan; {@code complete}
   * is false when part of the input was not fully checked (the problems say why).
   */
  public static Map<String, Object> result(ScanResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("treatment", result.treatment().name());
    json.put("complete", result.complete());
    json.put("issues", result.findings().stream().map(JsonReport::finding).toList());
    json.put("problems", result.problems().stream().map(JsonReport::problem).toList());
    return json;
  }

  /**
   * {@code {"treatment": strictest, "complete": all complete, "files": [{"path", "treatment",
   * "complete", "issues", "problems"}]}}.
   */
  public static Map<String, Object> files(List<ScannedFile> files) {
    Treatment overall = Treatment.IGNORE;
    for (ScannedFile f : files) {
      overall = overall.max(f.result().treatment());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("treatment", overall.name());
    json.put("complete", files.stream().allMatch(f -> f.result().complete()));
    json.put("files", files.stream().map(f -> {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("path", f.path());
      file.putAll(result(f.result()));
      return file;
    }).toList());
    return json;
  }
}
