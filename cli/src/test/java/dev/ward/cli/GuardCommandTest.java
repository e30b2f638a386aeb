package dev.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
  void classifyPrintsAVerdict() {
    Cli.Result result = Cli.run("[{\"role\": \"user\", \"content\": \"How do I make a pipe bomb?\"}]",
        "guard", "classify", "--model", Cli.fixture("models/tiny-guard-q8_0.gguf"),
        "--format", "llama-guard-2", "--threshold", "0.99");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode verdict = result.json();
    assertThat(verdict.get("safe").asBoolean()).isTrue();
    assertThat(verdict.get("unsafe_probability").asDouble()).isBetween(0.6, 0.9);
    assertThat(verdict.get("threshold").asDouble()).isEqualTo(0.99);
    assertThat(verdict.get("categories").isArray()).isTrue();
    assertThat(verdict.get("format").asText()).isEqualTo("llama-guard-2");
    assertThat(verdict.get("model").asText()).isEqualTo("tiny-guard-q8_0.gguf");
    assertThat(verdict.has("raw") && verdict.has("latency_ms") && verdict.has("cached")).isTrue();
  }

  @Test
  void jsonlKeepsGoingPastBadLines() {
    String stdin = """
        [{"role": "user", "content": "hello"}]
        not json
        [{"role": "assistant", "content": "hi"}]
        {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}
        """;
    Cli.Result result = Cli.run(stdin, "guard", "classify", "--jsonl", "--format", "llama-guard-2",
        "--model", Cli.fixture("models/tiny-guard-q8_0.gguf"));

    assertThat(result.exitCode()).isEqualTo(1);
    String[] lines = result.out().strip().split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).contains("\"unsafe_probability\"");
    assertThat(lines[1]).startsWith("{\"line\":2,\"error\":\"not JSON");
    assertThat(lines[2]).contains("\"line\":3").contains("roles must alternate");
    assertThat(lines[3]).contains("\"unsafe_probability\"");
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
    Cli.Result system = Cli.run("[{\"role\": \"system\", \"content\": \"x\"}]", "guard", "classify",
        "--model", model, "--format", "llama-guard-2");
    assertThat(system.exitCode()).isEqualTo(2);
    assertThat(system.err()).contains("stdin: message 1: role must be 'user' or 'assistant'");
    Cli.Result format = Cli.run("[{\"role\": \"user\", \"content\": \"x\"}]", "guard", "classify",
        "--model", model, "--format", "llama-guard-9");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("unknown prompt format 'llama-guard-9'");
  }
}
