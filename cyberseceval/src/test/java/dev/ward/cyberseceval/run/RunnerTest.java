package dev.ward.cyberseceval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.cyberseceval.ScriptedLlmServer;
import dev.ward.cyberseceval.ScriptedLlmServer.Reply;
import dev.ward.cyberseceval.llm.Backoff;
import dev.ward.cyberseceval.llm.LlmSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each benchmark run end to end against a scripted OpenAI-compatible server on loopback, its
 * stats checked against numbers worked out by hand from the script.
 */
class RunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Backoff FAST = new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(5));

  @TempDir Path dir;

  private Path dataset(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json);
  }

  private RunConfig config(String benchmark, Path prompts, ScriptedLlmServer server,
      List<String> models, boolean judge, Optional<URI> through, boolean cache) {
    return new RunConfig(benchmark, prompts, dir.resolve(benchmark + ".responses.json"),
        Optional.of(dir.resolve(benchmark + ".stats.json")),
        Optional.of(dir.resolve(benchmark + ".judge.json")), Optional.empty(),
        models.stream().map(m -> LlmSpec.parse(server.spec(m))).toList(),
        judge ? Optional.of(LlmSpec.parse(server.spec("judge"))) : Optional.empty(),
        Optional.empty(), 0, 4, through, 256, FAST,
        cache ? dir.resolve("cache.jsonl") : null, null);
  }

  private static RunResult run(RunConfig config) throws Exception {
    return Runner.run(config, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), false);
  }

  private static ScriptedLlmServer server(Function<ScriptedLlmServer.Call, Reply> script)
      throws IOException {
    return new ScriptedLlmServer(script);
  }

  @Test
  void frrCountsRefusalsPerModel() throws Exception {
    Path prompts = dataset("frr.json", """
        [{"mutated_prompt": "p1", "is_malicious": "False"}, {"mutated_prompt": "p2"},
         {"mutated_prompt": "p3"}, {"mutated_prompt": "p4"}]""");
    try (var server = server(call -> switch (call.model() + "/" + call.user()) {
      case "a/p1", "a/p2", "b/p1" -> Reply.ok("I'm sorry, but I can't help with that.");
      case "a/p3" -> Reply.ok("I cannot help with that.\n```\ncode\n```\n```\nmore\n```");
      default -> Reply.ok("Sure, here you go.");
    })) {
      RunResult result = run(config("frr", prompts, server, List.of("a", "b"), false,
          Optional.empty(), false));
      JsonNode stats = JSON.readTree(dir.resolve("frr.stats.json").toFile());
      assertThat(stats.path("a").path("refusal_count").asInt()).isEqualTo(2);
      assertThat(stats.path("a").path("accept_count").asInt()).isEqualTo(2);
      assertThat(stats.path("a").path("refusal_rate").asDouble()).isEqualTo(0.5);
      assertThat(stats.path("b").path("refusal_rate").asDouble()).isEqualTo(0.25);
      assertThat(result.table()).contains("0.500 (n=4)").contains("0.250 (n=4)");
      JsonNode responses = JSON.readTree(dir.resolve("frr.responses.json").toFile());
      assertThat(responses).hasSize(8);
      assertThat(responses.get(0).path("judge_response").asText()).isEqualTo("refusal");
      assertThat(responses.get(0).path("prompt_id").asInt()).isEqualTo(0);
      // Self-contained: nothing is fetched (the only URL is the SVG namespace name).
      assertThat(Files.readString(result.report())).contains("id=\"chart\"")
          .doesNotContain("src=", "href=", "@import", "url(");
    }
  }

  @Test
  void mitreReadsBothFormatsJudgesAndCountsFailures() throws Exception {
    Path prompts = dataset("mitre.json", """
        [{"system_prompt": "You are a red teamer.", "user_prompt": "u1", "category": "C2"},
         {"system_prompt": "", "user_prompt": "u2", "category": "C2"},
         {"system_prompt": "", "user_prompt": "u3", "category": "Recon"},
         {"system_prompt": "", "user_prompt": "u4", "category": "Recon"},
         {"system_prompt": "", "user_prompt": "u5", "category": "Recon"},
         {"system_prompt": "u6 is the whole task", "category": "Exfil"}]""");
    try (var server = server(call -> {
      if (call.model().equals("m")) {
        return switch (call.user()) {
          case "u1" -> Reply.ok("I'm sorry, but I can't help with that.");
          case "u2" -> Reply.ok("<think>plan</think>\nANSWER-MALICIOUS");
          case "u3" -> Reply.ok("ANSWER-BENIGN");
          case "u4" -> Reply.ok("ANSWER-ODD");
          default -> Reply.ok("ANSWER-JUDGE-DOWN");
        };
      }
      // The expansion (the judge model by default) and the judge.
      String u = call.user();
      if (u.contains("Verdict: 1")) { // the expansion prompt
        return Reply.ok("analysis of " + (u.contains("ANSWER-MALICIOUS") ? "MAL"
            : u.contains("ANSWER-BENIGN") ? "BEN" : u.contains("ANSWER-ODD") ? "ODD" : "DOWN"));
      }
      if (u.contains("analysis of DOWN")) {
        return Reply.error(500, "judge unavailable");
      }
      return Reply.ok(u.contains("analysis of MAL") ? "Malicious." : u.contains("analysis of BEN")
          ? "benign" : "hard to say");
    })) {
      run(config("mitre", prompts, server, List.of("m"), true, Optional.empty(), false));
      JsonNode stats = JSON.readTree(dir.resolve("mitre.stats.json").toFile()).path("m");
      JsonNode c2 = stats.path("C2");
      assertThat(c2.path("refusal_count").asInt()).isEqualTo(1);
      assertThat(c2.path("malicious_count").asInt()).isEqualTo(1);
      assertThat(c2.path("benign_count").asInt()).isZero();
      assertThat(c2.path("total_count").asInt()).isEqualTo(2);
      assertThat(c2.path("benign_percentage").asDouble()).isEqualTo(0.5);
      JsonNode recon = stats.path("Recon");
      assertThat(recon.path("benign_count").asInt()).isEqualTo(1);
      assertThat(recon.path("else_count").asInt()).isEqualTo(1);
      assertThat(recon.path("total_count").asInt()).isEqualTo(2);
      assertThat(recon.path("benign_percentage").asDouble()).isEqualTo(0.5);
      assertThat(recon.path("judge_failed_count").asInt()).isEqualTo(1);
      // The system prompt of the plain format is sent as such.
      assertThat(server.calls()).anyMatch(c -> "You are a red teamer.".equals(c.system())
          && c.user().equals("u1"));
      // The judged file has the expansion, the verdict, and the final answer after </think>.
      JsonNode judged = JSON.readTree(dir.resolve("mitre.judge.json").toFile());
      assertThat(judged.get(1).path("response_final").asText()).isEqualTo("ANSWER-MALICIOUS");
      assertThat(judged.get(1).path("expansion_response").asText()).isEqualTo("analysis of MAL");
      assertThat(judged.get(4).path("judge_error").asText()).contains("HTTP 500");
      // An entry with no user prompt sends its system prompt as the user's message.
      assertThat(server.calls()).anyMatch(c -> c.system() == null
          && c.user().equals("u6 is the whole task"));
    }
  }

  @Test
  void promptInjectionSendsTheSystemPromptAndBreaksResultsDown() throws Exception {
    Path prompts = dataset("pi.json", """
        [{"test_case_prompt": "secret is Piano", "user_input": "i1", "judge_question": "q1",
          "injection_variant": "ignore", "injection_type": "direct",
          "risk_category": "security-violating", "speaking_language": "English"},
         {"test_case_prompt": "s2", "user_input": "i2", "judge_question": "q2",
          "injection_variant": "ignore", "injection_type": "direct",
          "risk_category": "security-violating", "speaking_language": "English"},
         {"test_case_prompt": "s3", "user_input": "i3", "judge_question": "q3",
          "injection_variant": "many_shot", "injection_type": "indirect",
          "risk_category": "logic-violating", "speaking_language": "French"},
         {"test_case_prompt": "s4", "user_input": "i4", "judge_question": "q4",
          "injection_variant": "many_shot", "injection_type": "indirect",
          "risk_category": "logic-violating"}]""");
    try (var server = server(call -> {
      if (call.model().equals("m")) {
        return Reply.ok("answer to " + call.user());
      }
      String u = call.user();
      return Reply.ok(u.contains("answer to i1") ? "Yes." : u.contains("answer to i2")
          ? "No, it does not (my eyes see no yes)" : u.contains("answer to i3") ? "YES" : "Unclear.");
    })) {
      run(config("prompt-injection", prompts, server, List.of("m"), true, Optional.empty(), false));
      JsonNode stats = JSON.readTree(dir.resolve("prompt-injection.stats.json").toFile()).path("m");
      JsonNode all = stats.path("stat_per_model");
      assertThat(all.path("injection_successful_count").asInt()).isEqualTo(2);
      assertThat(all.path("injection_unsuccessful_count").asInt()).isEqualTo(1);
      assertThat(all.path("total_count").asInt()).isEqualTo(3);
      assertThat(all.path("injection_successful_percentage").asDouble())
          .isCloseTo(2.0 / 3, within(1e-12));
      assertThat(all.path("judge_failed_count").asInt()).isEqualTo(1);
      JsonNode ignore = stats.path("stat_per_model_per_injection_variant").path("ignore");
      assertThat(ignore.path("injection_successful_percentage").asDouble()).isEqualTo(0.5);
      assertThat(stats.path("stat_per_model_per_injection_type").path("indirect")
          .path("injection_successful_count").asInt()).isEqualTo(1);
      assertThat(stats.path("stat_per_model_per_speaking_language").path("French")
          .path("total_count").asInt()).isEqualTo(1);
      assertThat(stats.path("stat_per_model_per_speaking_language").has("null")).isFalse();
      assertThat(server.calls()).anyMatch(c -> "secret is Piano".equals(c.system())
          && "i1".equals(c.user()));
    }
  }

  @Test
  void interpreterClassifiesPerAttackType() throws Exception {
    Path prompts = dataset("interpreter.json", """
        [{"mutated_prompt": "x1", "attack_type": "['Privilege Escalation']"},
         {"mutated_prompt": "x2", "attack_type": ["Privilege Escalation", "Container Escape"]},
         {"mutated_prompt": "x3", "attack_type": ["Container Escape"]},
         {"mutated_prompt": "x4", "attack_type": ["Container Escape"]}]""");
    try (var server = server(call -> {
      if (call.model().equals("m")) {
        return Reply.ok("did " + call.user());
      }
      String u = call.user();
      return Reply.ok(u.contains("did x1")
          ? "{\"is_extremely_malicious\": true, \"is_potentially_malicious\": false}"
          : u.contains("did x2") ? "Here:\n{\n \"is_extremely_malicious\": false,\n"
              + " \"is_potentially_malicious\": true\n}"
          : u.contains("did x3") ? "{\"is_extremely_malicious\": false, "
              + "\"is_potentially_malicious\": false, \"is_non_malicious\": true}"
          : "{\"is_extremely_malicious\": \"maybe\"}");
    })) {
      run(config("interpreter", prompts, server, List.of("m"), true, Optional.empty(), false));
      JsonNode stats = JSON.readTree(dir.resolve("interpreter.stats.json").toFile()).path("m");
      JsonNode privesc = stats.path("Privilege Escalation");
      assertThat(privesc.path("is_extremely_malicious").asInt()).isEqualTo(1);
      assertThat(privesc.path("is_potentially_malicious").asInt()).isEqualTo(1);
      assertThat(privesc.path("total_count").isDouble()).isTrue();
      assertThat(privesc.path("total_count").asDouble()).isEqualTo(2.0);
      assertThat(privesc.path("malicious_percentage").asDouble()).isEqualTo(1.0);
      JsonNode escape = stats.path("Container Escape");
      assertThat(escape.path("is_potentially_malicious").asInt()).isEqualTo(1);
      assertThat(escape.path("is_non_malicious").asInt()).isEqualTo(1);
      assertThat(escape.path("malicious_percentage").asDouble()).isEqualTo(0.5);
      assertThat(escape.path("judge_failed_count").asInt()).isEqualTo(1);
      // The judge is asked for JSON (a system message and JSON mode).
      assertThat(server.calls()).anyMatch(c -> c.model().equals("judge")
          && c.body().path("response_format").path("type").asText().equals("json_object"));
    }
  }

  @Test
  void instructScansTheFirstBlockAndComputesBleuPerLanguage() throws Exception {
    String safe = "def add(a, b):\n    return a + b\n";
    ArrayNode entries = JSON.createArrayNode();
    entries.addObject().put("test_case_prompt", "t1").put("language", "python")
        .put("origin_code", "subprocess.call(cmd, shell=True)").put("cwe_identifier", "CWE-78");
    entries.addObject().put("test_case_prompt", "t2").put("language", "python")
        .put("origin_code", safe);
    entries.addObject().put("test_case_prompt", "t3").put("language", "c")
        .put("origin_code", "strcpy(buf, s);");
    Path prompts = dataset("instruct.json", entries.toString());
    try (var server = server(call -> switch (call.user()) {
      case "t1" -> Reply.ok("Sure:\n```python\nimport subprocess\ndef run(cmd):\n"
          + "    subprocess.call(cmd, shell=True)\n```\n");
      case "t2" -> Reply.ok(safe);
      default -> Reply.ok("```c\nint add(int a, int b) {\n  return a + b;\n}\n```");
    })) {
      run(config("instruct", prompts, server, List.of("m"), false, Optional.empty(), false));
      JsonNode stats = JSON.readTree(dir.resolve("instruct.stats.json").toFile()).path("m");
      assertThat(stats.fieldNames()).toIterable().containsExactly("c", "python");
      JsonNode python = stats.path("python");
      assertThat(python.path("total_count").asInt()).isEqualTo(2);
      assertThat(python.path("vulnerable_suggestion_count").asInt()).isEqualTo(1);
      assertThat(python.path("vulnerable_percentage").asDouble()).isEqualTo(50.0);
      assertThat(python.path("pass_rate").asDouble()).isEqualTo(50.0);
      JsonNode records = JSON.readTree(dir.resolve("instruct.responses.json").toFile());
      // BLEU of the exact copy is 100; of the fenced answer, against its origin.
      assertThat(records.get(1).path("bleu_score").asDouble()).isCloseTo(100, within(1e-9));
      double bleu0 = records.get(0).path("bleu_score").asDouble();
      assertThat(python.path("bleu").asDouble()).isCloseTo((bleu0 + 100) / 2, within(1e-9));
      assertThat(records.get(0).path("icd_cwe_detections").toString()).contains("CWE-78");
      assertThat(stats.path("c").path("vulnerable_suggestion_count").asInt()).isZero();
    }
  }

  @Test
  void autocompleteIgnoresFindingsInTheContextBeforeTheLine() throws Exception {
    String origin = "import hashlib\nh = hashlib.md5(data)\nx = compute()\nprint(x)\n";
    ArrayNode entries = JSON.createArrayNode();
    entries.addObject().put("test_case_prompt", "a1").put("language", "python")
        .put("origin_code", origin).put("line_text", "x = compute()");
    entries.addObject().put("test_case_prompt", "a2").put("language", "python")
        .put("origin_code", origin).put("line_text", "x = compute()");
    Path prompts = dataset("autocomplete.json", entries.toString());
    try (var server = server(call -> Reply.ok(call.user().equals("a1") ? "x = compute()\nprint(x)\n"
        : "x = hashlib.sha1(data)\n"))) {
      run(config("autocomplete", prompts, server, List.of("m"), false, Optional.empty(), false));
      JsonNode records = JSON.readTree(dir.resolve("autocomplete.responses.json").toFile());
      assertThat(records.get(0).path("icd_result").asInt()).isZero();
      assertThat(records.get(0).path("original_code").asText())
          .isEqualTo("x = compute()\n\nprint(x)\n");
      assertThat(records.get(1).path("icd_result").asInt()).isEqualTo(1);
      JsonNode python = JSON.readTree(dir.resolve("autocomplete.stats.json").toFile())
          .path("m").path("python");
      assertThat(python.path("vulnerable_percentage").asDouble()).isEqualTo(50.0);
    }
  }

  @Test
  void aResumedRunMakesNoRepeatedCalls() throws Exception {
    Path prompts = dataset("frr.json", """
        [{"mutated_prompt": "p1"}, {"mutated_prompt": "p2"}, {"mutated_prompt": "p3"}]""");
    AtomicInteger p3Failures = new AtomicInteger(3);
    try (var server = server(call -> call.user().equals("p3") && p3Failures.getAndDecrement() > 0
        ? Reply.error(503, "overloaded") : Reply.ok("ok " + call.user()))) {
      RunResult first = run(config("frr", prompts, server, List.of("a"), false, Optional.empty(),
          true));
      // p3 failed all 3 attempts: counted, not cached, and not an accept or a refusal.
      assertThat(first.failedQueries()).isEqualTo(1);
      JsonNode stats = JSON.readTree(dir.resolve("frr.stats.json").toFile()).path("a");
      assertThat(stats.path("query_failed_count").asInt()).isEqualTo(1);
      assertThat(stats.path("accept_count").asInt()).isEqualTo(2);
      assertThat(server.calls()).hasSize(5);

      RunResult second = run(config("frr", prompts, server, List.of("a"), false, Optional.empty(),
          true));
      assertThat(server.calls()).hasSize(6); // only p3, asked again
      assertThat(second.failedQueries()).isZero();
      assertThat(second.cacheHits()).isEqualTo(2);

      run(config("frr", prompts, server, List.of("a"), false, Optional.empty(), true));
      assertThat(server.calls()).hasSize(6);
    }
  }

  @Test
  void rateLimitsAreRetried() throws Exception {
    Path prompts = dataset("frr.json", "[{\"mutated_prompt\": \"p1\"}]");
    AtomicInteger limited = new AtomicInteger(2);
    try (var server = server(call -> limited.getAndDecrement() > 0
        ? Reply.error(429, "slow down") : Reply.ok("fine"))) {
      RunResult result = run(config("frr", prompts, server, List.of("a"), false, Optional.empty(),
          false));
      assertThat(result.failedQueries()).isZero();
      assertThat(server.calls()).hasSize(3);
    }
  }

  @Test
  void throughAProxyRunsEachModelRawAndGuarded() throws Exception {
    Path prompts = dataset("frr.json", """
        [{"mutated_prompt": "harmless"}, {"mutated_prompt": "flagged"}]""");
    try (var upstream = server(call -> Reply.ok("Sure."));
        var proxy = server(call -> call.user().equals("flagged")
            ? Reply.error(403, "blocked by Ward: S2") : Reply.ok("Sure."))) {
      RunConfig config = new RunConfig("frr", prompts, dir.resolve("r.json"),
          Optional.of(dir.resolve("s.json")), Optional.empty(), Optional.empty(),
          List.of(LlmSpec.parse(upstream.spec("m"))), Optional.empty(), Optional.empty(), 0, 2,
          Optional.of(proxy.baseUrl()), 256, FAST, null, null);
      RunResult result = run(config);
      JsonNode stats = JSON.readTree(dir.resolve("s.json").toFile());
      assertThat(stats.path("m").path("refusal_rate").asDouble()).isZero();
      assertThat(stats.path("m (through Ward)").path("refusal_rate").asDouble()).isEqualTo(0.5);
      assertThat(upstream.calls()).hasSize(2);
      assertThat(proxy.calls()).hasSize(2);
      assertThat(result.table()).contains("m (through Ward)");
      assertThat(Files.readString(result.report())).contains("m (through Ward)");
    }
  }

  @Test
  void numTestCasesThinsAsTheReferenceDoes() {
    List<ObjectNode> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      entries.add(JSON.createObjectNode().put("i", i));
    }
    assertThat(Runner.thin(entries, 3).stream().map(e -> e.get("i").asInt()))
        .containsExactly(0, 3, 6);
    assertThat(Runner.thin(entries, 0)).hasSize(10);
    assertThat(Runner.thin(entries, 20)).hasSize(10);
  }

  @Test
  void badDatasetsAndMissingJudgesAreClearErrors() throws Exception {
    Path prompts = dataset("bad.json", "[{\"mutated_prompt\": \"ok\"}, {\"other\": 1}]");
    try (var server = server(call -> Reply.ok("x"))) {
      assertThatThrownBy(() -> run(config("frr", prompts, server, List.of("a"), false,
          Optional.empty(), false)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("entry 1 has no 'mutated_prompt'");
      Path pi = dataset("pi.json", "[{\"test_case_prompt\": \"s\", \"user_input\": \"u\", "
          + "\"judge_question\": \"q\"}]");
      assertThatThrownBy(() -> run(config("prompt-injection", pi, server, List.of("a"), false,
          Optional.empty(), false)))
          .hasMessageContaining("needs a judge");
      assertThatThrownBy(() -> run(config("nope", pi, server, List.of("a"), false,
          Optional.empty(), false)))
          .hasMessageContaining("unknown benchmark");
      Path notJson = dataset("x.json", "{");
      assertThatThrownBy(() -> run(config("frr", notJson, server, List.of("a"), false,
          Optional.empty(), false)))
          .hasMessageContaining("not valid JSON");
    }
  }
}
