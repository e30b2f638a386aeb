package dev.ward.proxy.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.codeshield.Finding;
import dev.ward.guardrails.CategoryScore;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Failure;
import dev.ward.proxy.api.Json;
import java.util.Locale;

/** A {@link Decision} as Ward's endpoints answer it. */
final class DecisionJson {
  private DecisionJson() {}

  static ObjectNode of(Decision decision) {
    ObjectNode json = Json.object();
    json.put("check", decision.check().name().toLowerCase(Locale.ROOT));
    json.put("action", decision.action().id());
    json.put("blocked", decision.blocked());
    ArrayNode reasons = json.putArray("reasons");
    decision.reasons().forEach(reasons::add);
    ArrayNode categories = json.putArray("categories");
    for (CategoryScore score : decision.categories()) {
      ObjectNode c = categories.addObject();
      c.put("code", score.category().code().toString());
      c.put("name", score.category().name());
      c.put("probability", score.probability());
      c.put("action", score.action().id());
    }
    if (decision.unsafeProbability().isPresent()) {
      json.put("unsafe_probability", decision.unsafeProbability().getAsDouble());
    } else {
      json.putNull("unsafe_probability");
    }
    ArrayNode findings = json.putArray("findings");
    for (Finding f : decision.findings()) {
      ObjectNode finding = findings.addObject();
      finding.put("rule_id", f.ruleId());
      finding.put("cwe", f.cwe());
      finding.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
      finding.put("message", f.message());
      finding.put("language", f.language().id());
      finding.put("line", f.line());
      finding.put("column", f.column());
      finding.put("end_line", f.endLine());
      finding.put("end_column", f.endColumn());
      finding.put("snippet", f.snippet());
    }
    ArrayNode failures = json.putArray("failures");
    for (Failure f : decision.failures()) {
      ObjectNode failure = failures.addObject();
      failure.put("kind", f.kind().id());
      failure.put("source", f.source());
      failure.put("message", f.message());
    }
    json.put("latency_ms", decision.latency().toNanos() / 1e6);
    return json;
  }
}
