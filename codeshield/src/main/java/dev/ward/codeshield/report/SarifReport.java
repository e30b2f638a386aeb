package dev.ward.codeshield.report;

import dev.ward.codeshield.Finding;
import dev.ward.codeshield.ScanProblem;
import dev.ward.codeshield.Severity;
import dev.ward.codeshield.rule.Rule;
import dev.ward.codeshield.rule.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, the format code-scanning tools (GitHub code scanning, IDEs) import: one run, the
 * rules that produced results in {@code tool.driver.rules}, one result per finding with its
 * physical location, and scan problems as tool notifications: {@code error} for those that left
 * part of a file unchecked (and then {@code executionSuccessful} is false: the results are not the
 * whole story), {@code note} for the others.
 */
public final class SarifReport {
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  public static Map<String, Object> build(List<ScannedFile> files, RuleSet rules, String toolVersion) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (Rule rule : rules.rules()) {
      byId.put(rule.id().value(), rule);
    }
    List<String> used = new ArrayList<>();
    List<Object> results = new ArrayList<>();
    List<Object> notifications = new ArrayList<>();
    for (ScannedFile file : files) {
      for (Finding f : file.result().findings()) {
        if (!used.contains(f.ruleId())) {
          used.add(f.ruleId());
        }
        results.add(result(f, file.path(), used.indexOf(f.ruleId())));
      }
      for (ScanProblem p : file.result().problems()) {
        notifications.add(notification(p, file.path()));
      }
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "Ward Code Shield");
    driver.put("version", toolVersion);
    driver.put("rules", used.stream().map(id -> rule(id, byId.get(id))).toList());
    Map<String, Object> invocation = new LinkedHashMap<>();
    invocation.put("executionSuccessful", files.stream().allMatch(f -> f.result().complete()));
    invocation.put("toolExecutionNotifications", notifications);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("invocations", List.of(invocation));
    run.put("results", results);
    Map<String, Object> sarif = new LinkedHashMap<>();
    sarif.put("$schema", SCHEMA);
    sarif.put("version", "2.1.0");
    sarif.put("runs", List.of(run));
    return sarif;
  }

  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case ADVICE -> "note";
    };
  }

  private static Map<String, Object> rule(String id, Rule rule) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    if (rule != null) {
      String message = rule.message().strip();
      int sentence = message.indexOf(". ");
      json.put("shortDescription", Map.of("text", sentence > 0 ? message.substring(0, sentence + 1) : message));
      json.put("fullDescription", Map.of("text", message));
      json.put("defaultConfiguration", Map.of("level", level(rule.severity())));
      json.put("properties", Map.of("tags", List.of("security", rule.cwe()), "cwe", rule.cwe()));
    }
    return json;
  }

  private static Map<String, Object> result(Finding f, String path, int ruleIndex) {
    Map<String, Object> region = new LinkedHashMap<>();
    region.put("startLine", f.line());
    region.put("startColumn", f.column());
    region.put("endLine", f.endLine());
    region.put("endColumn", f.endColumn());
    region.put("snippet", Map.of("text", f.snippet()));
    Map<String, Object> physical = new LinkedHashMap<>();
    physical.put("artifactLocation", Map.of("uri", uri(path)));
    physical.put("region", region);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ruleId", f.ruleId());
    json.put("ruleIndex", ruleIndex);
    json.put("level", level(f.severity()));
    json.put("message", Map.of("text", f.message()));
    json.put("locations", List.of(Map.of("physicalLocation", physical)));
    json.put("properties", Map.of("cwe", f.cwe(), "language", f.language().id()));
    return json;
  }

  private static Map<String, Object> notification(ScanProblem p, String path) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("level", p.kind().incomplete() ? "error" : "note");
    json.put("message", Map.of("text", p.kind() + ": " + p.message()));
    json.put("descriptor", Map.of("id", p.kind().name()));
    json.put("locations", List.of(Map.of("physicalLocation", Map.of(
        "artifactLocation", Map.of("uri", uri(path)), "region", Map.of("startLine", p.line())))));
    return json;
  }

  /** A relative path with forward slashes, as SARIF's artifactLocation.uri wants. */
  static String uri(String path) {
    String p = path.replace('\\', '/');
    return p.startsWith("./") ? p.substring(2) : p;
  }
}
