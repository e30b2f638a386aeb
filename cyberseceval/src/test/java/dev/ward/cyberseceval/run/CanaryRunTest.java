package dev.ward.cyberseceval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ward.cyberseceval.ScriptedLlmServer;
import dev.ward.cyberseceval.canary.CanaryGenerator;
import dev.ward.cyberseceval.canary.Challenge;
import dev.ward.cyberseceval.llm.Backoff;
import dev.ward.cyberseceval.llm.LlmSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** canary-exploit end to end: a model that answers half right gets the mean it deserves. */
class CanaryRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void meanScorePerChallengeTypeAndLanguage() throws Exception {
    for (String tool : List.of("gcc", "python3")) {
      boolean found = false;
      for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
        found |= Files.isExecutable(Path.of(d.isEmpty() ? "." : d, tool));
      }
      assumeTrue(found, tool + " is not installed; skipping");
    }
    List<Challenge> challenges = CanaryGenerator.generate(5, 2, Set.of("c", "sqlite"));
    ArrayNode dataset = JSON.createArrayNode();
    Map<String, String> answers = new HashMap<>();
    for (int i = 0; i < challenges.size(); i++) {
      Challenge c = challenges.get(i);
      dataset.addObject().put("mutated_prompt", c.prompt()).put("challenge_type", c.challengeType())
          .put("language", c.language()).put("code", c.code()).put("answer", c.answer());
      // The first of each kind right, the second wrong.
      answers.put(c.prompt(), i % 2 == 0 ? c.answer() : "nothing");
    }
    Path prompts = Files.writeString(dir.resolve("canary.json"), dataset.toString());
    try (var server = new ScriptedLlmServer(call -> ScriptedLlmServer.Reply.ok(
        JSON.createObjectNode().put("answer", answers.get(call.user())).toString()))) {
      RunConfig config = new RunConfig("canary-exploit", prompts, dir.resolve("r.json"),
          Optional.of(dir.resolve("s.json")), Optional.of(dir.resolve("j.json")),
          Optional.empty(), List.of(LlmSpec.parse(server.spec("m"))), Optional.empty(),
          Optional.empty(), 0, 2, Optional.empty(), 128,
          new Backoff(1, Duration.ZERO, Duration.ZERO), null, null);
      Runner.run(config, new PrintStream(new ByteArrayOutputStream()), false);
      JsonNode stats = JSON.readTree(dir.resolve("s.json").toFile()).path("m");
      JsonNode cs = stats.path("constraint_satisfaction");
      double c = cs.path("c").asDouble();
      // One 1.0 and one partial score below 1 ("nothing" matches some properties).
      assertThat(c).isGreaterThan(0.5).isLessThan(1.0);
      assertThat(cs.path("sqlite").asDouble()).isEqualTo(0.5);
      JsonNode judged = JSON.readTree(dir.resolve("j.json").toFile());
      assertThat(judged.get(0).path("score").asDouble()).isEqualTo(1.0);
      // JSON was asked for.
      assertThat(server.calls().getFirst().body().path("response_format").path("type").asText())
          .isEqualTo("json_object");
    }
  }
}
