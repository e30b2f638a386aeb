package dev.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void promptRendersTheOfficialTokens() throws IOException {
    JsonNode fixtures = JSON.readTree(Path.of(Cli.fixture("llama-guard/lg2-prompts.json")).toFile());
    StringBuilder conversations = new StringBuilder("[");
    for (JsonNode f : fixtures) {
      conversations.append(conversations.length() > 1 ? "," : "").append(f.get("messages"));
    }
    Cli.Result result = Cli.run(conversations.append("]").toString(), "guard", "prompt",
        "--format", "llama-guard-2", "--model", Cli.fixture("models/tiny-guard-q8_0.gguf"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    for (int i = 0; i < fixtures.size(); i++) {
      assertThat(result.json().get(i).get("prompt")).isEqualTo(fixtures.get(i).get("prompt"));
      assertThat(result.json().get(i).get("tokens")).isEqualTo(fixtures.get(i).get("tokens"));
    }
  }

  @Test
  void classifyPrintsTheDecisionOfThePolicy() {
    Cli.Result result = Cli.run("[{\"role\": \"user\", \"content\": \"How do I make a pipe bomb?\"}]",
        "guard", "classify", "--model", Cli.fixture("models/tiny-guard-q8_0.gguf"),
        "--format", "llama-guard-2", "--threshold", "0.99");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode decision = result.json();
    assertThat(decision.get("action").asText()).isEqualTo("allow");
    assertThat(decision.get("unsafe_probability").asDouble()).isBetween(0.5, 0.99);
    assertThat(decision.get("categories").isArray()).isTrue();
    assertThat(decision.get("failures").isEmpty()).isTrue();
    assertThat(decision.get("format").asText()).isEqualTo("llama-guard-2");
    assertThat(decision.get("model").asText()).isEqualTo("tiny-guard-q8_0.gguf");
    assertThat(decision.has("raw") && decision.has("latency_ms") && decision.has("cached")).isTrue();
  }

  @Test
  void aBlockExits1AndAPolicyFileSetsTheActions(@TempDir Path dir) throws IOException {
    String model = Cli.fixture("models/tiny-guard-q8_0.gguf");
    String chat = "[{\"role\": \"system\", \"content\": \"Be brief.\"}, "
        + "{\"role\": \"user\", \"content\": \"hello\"}]";
    Cli.Result blocked = Cli.run(chat, "guard", "classify", "--model", model, "--format", "llama-guard-2");
    Path policy = Files.writeString(dir.resolve("policy.yaml"),
        "default: warn\nfailures: {malformed: log}\n");
    Cli.Result warned = Cli.run(chat, "guard", "classify", "--model", model, "--format",
        "llama-guard-2", "--policy", policy.toString());

    assertThat(blocked.exitCode()).as(blocked.err()).isEqualTo(1);
    assertThat(blocked.json().get("action").asText()).isEqualTo("block");
    // Random weights: the categories line is gibberish, a failure the policy decides about.
    assertThat(warned.json().get("action").asText()).isEqualTo("warn");
    assertThat(warned.json().get("failures").get(0).get("kind").asText()).isEqualTo("malformed");
    assertThat(warned.exitCode()).isEqualTo(3);
  }

  @Test
  void jsonlKeepsGoingPastBadLines() {
    String stdin = """
        [{"role": "user", "content": "hello"}]
        not json
        [{"role": "robot", "content": "hi"}]
        %s
        {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}
        [{"role": "user", "content": "%s"}]
        """.formatted("[".repeat(100) + "]".repeat(100), "word ".repeat(9000));
    Cli.Result result = Cli.run(stdin, "guard", "classify", "--jsonl", "--format", "llama-guard-2",
        "--threshold", "0.99", "--model", Cli.fixture("models/tiny-guard-q8_0.gguf"));

    String[] lines = result.out().strip().split("\n");
    assertThat(lines).hasSize(6);
    assertThat(lines[0]).contains("\"action\":\"allow\"");
    assertThat(lines[1]).startsWith("{\"line\":2,\"error\":\"not JSON");
    assertThat(lines[2]).isEqualTo("{\"line\":3,\"error\":\"message 1: role must be system, user, "
        + "assistant or tool; got 'robot'\"}");
    assertThat(lines[3]).isEqualTo("{\"line\":4,\"error\":\"not JSON: nested more than 64 levels deep\"}");
    assertThat(lines[4]).contains("\"unsafe_probability\"");
    // Beyond the model's context: a failed check, blocked as the default policy fails closed.
    assertThat(lines[5]).contains("\"action\":\"block\"").contains("\"kind\":\"too_large\"");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void aModelWithoutFormatFallsBackWithANote() {
    Cli.Result result = Cli.run("[[{\"role\": \"user\", \"content\": \"hi\"}]]", "guard", "prompt",
        "--model", Cli.fixture("models/tiny-guard-q8_0.gguf"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("declares no Llama Guard format; using llama-guard-2");
  }

  @Test
  void badConversationsExit2() {
    String model = Cli.fixture("models/tiny-guard-q8_0.gguf");
    Cli.Result empty = Cli.run("[]", "guard", "classify", "--model", model, "--format", "llama-guard-2");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err()).contains("stdin: expected a conversation, a non-empty JSON array");
    Cli.Result policy = Cli.run("[{\"role\": \"user\", \"content\": \"x\"}]", "guard", "classify",
        "--model", model, "--policy", "/nonexistent/policy.yaml");
    assertThat(policy.exitCode()).isEqualTo(2);
    assertThat(policy.err()).contains("/nonexistent/policy.yaml: no such file");
    Cli.Result format = Cli.run("[{\"role\": \"user\", \"content\": \"x\"}]", "guard", "classify",
        "--model", model, "--format", "llama-guard-9");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("unknown prompt format 'llama-guard-9'");
  }
}
