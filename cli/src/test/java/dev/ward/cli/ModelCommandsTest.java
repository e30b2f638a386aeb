package dev.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tokenize, logits and generate on the shared fixture models. */
class ModelCommandsTest {
  @TempDir Path dir;

  @Test
  void tokenizeWithModelOrTiktokenFile() {
    String stdin = "[\"Hello world\", \"<|eot_id|>\"]";
    Cli.Result model = Cli.run(stdin, "tokenize", "--model", Cli.fixture("models/tiny-llama3-q8_0.gguf"));
    Cli.Result tiktoken = Cli.run(stdin, "tokenize", "--tokenizer",
        Cli.fixture("tokenizer/llama3-tokenizer.model"), "--special");

    assertThat(model.exitCode()).isZero();
    assertThat(model.out().strip()).isEqualTo("[[9906,1917],[27,91,68,354,851,91,29]]");
    assertThat(tiktoken.out().strip()).isEqualTo("[[9906,1917],[128009]]");
  }

  @Test
  void logitsHaveTheReferenceShapeAndValues() throws IOException {
    JsonNode reference = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Path.of(Cli.fixture("models/tiny-llama3-q8_0.exact.json")).toFile()).get(0);

    Cli.Result result = Cli.run("[\"Hello world\"]", "logits", "--model",
        Cli.fixture("models/tiny-llama3-q8_0.gguf"), "--top", "5", "--greedy", "3", "--threads", "1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode first = result.json().get(0);
    assertThat(first.get("prompt").asText()).isEqualTo("Hello world");
    assertThat(first.get("tokens").toString()).isEqualTo(reference.get("tokens").toString());
    assertThat(first.get("top")).hasSize(5);
    assertThat(first.get("top").get(0).get(0).asInt()).isEqualTo(reference.get("top").get(0).get(0).asInt());
    assertThat(first.get("top").get(0).get(1).asDouble())
        .isCloseTo(reference.get("top").get(0).get(1).asDouble(), org.assertj.core.data.Offset.offset(2e-3));
    assertThat(first.get("greedy")).hasSize(3);
    assertThat(first.get("probe").has("39257")).isTrue();
  }

  @Test
  void seededGenerationRepeats() {
    String[] args = {"generate", "--model", Cli.fixture("models/tiny-llama3-q8_0.gguf"),
        "--prompt", "Once upon a time", "--max-tokens", "6", "--temperature", "0.9", "--seed", "7"};
    Cli.Result first = Cli.run("", args);
    Cli.Result second = Cli.run("", args);

    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isNotBlank().isEqualTo(second.out());
  }

  @Test
  void benchReportsBothModes() {
    Cli.Result engine = Cli.run("", "bench", "--model", Cli.fixture("models/tiny-llama3-q8_0.gguf"),
        "--prompt-tokens", "16", "--decode-tokens", "2", "--runs", "1");
    assertThat(engine.exitCode()).as(engine.err()).isZero();
    assertThat(engine.json().get("prefill_tok_s").asDouble()).isPositive();
    assertThat(engine.json().get("decode_tok_s").asDouble()).isPositive();
    assertThat(engine.json().get("file_mb").asDouble()).isPositive();
    assertThat(engine.json().get("kv_cache_mb").asDouble()).isPositive();
    assertThat(engine.json().get("warmup_runs").asInt()).isBetween(2, 20);
    assertThat(engine.json().get("peak_rss_mb").asLong()).isPositive();

    Cli.Result guard = Cli.run("", "bench", "--guard", "--format", "llama-guard-2", "--runs", "1",
        "--model", Cli.fixture("models/tiny-guard-q8_0.gguf"));
    assertThat(guard.exitCode()).as(guard.err()).isZero();
    assertThat(guard.json().get("prompt_tokens").asInt()).isGreaterThan(150);
    assertThat(guard.json().get("cold_ms").asDouble()).isPositive();
    assertThat(guard.json().get("prefix_cached_ms").asDouble()).isPositive();
  }

  @Test
  void badModelFilesExit2WithTheReason() throws IOException {
    Path text = Files.writeString(dir.resolve("model.gguf"), "this is not a model, just some text");
    Cli.Result notGguf = Cli.run("[\"x\"]", "logits", "--model", text.toString());
    assertThat(notGguf.exitCode()).isEqualTo(2);
    assertThat(notGguf.err()).contains("model.gguf: not a GGUF file: magic is");

    byte[] real = Files.readAllBytes(Path.of(Cli.fixture("models/tiny-llama3-q8_0.gguf")));
    Path truncated = Files.write(dir.resolve("truncated.gguf"),
        java.util.Arrays.copyOf(real, real.length / 2));
    Cli.Result cut = Cli.run("[\"x\"]", "logits", "--model", truncated.toString());
    assertThat(cut.exitCode()).isEqualTo(2);
    assertThat(cut.err()).contains("truncated.gguf: tensor '").contains("the file is truncated or corrupt")
        .doesNotContain("\tat ");

    Cli.Result missing = Cli.run("", "generate", "--model", dir.resolve("absent.gguf").toString(),
        "--prompt", "x");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).endsWith("absent.gguf: no such file" + System.lineSeparator());
  }

  @Test
  void badStdinExit2() {
    String model = Cli.fixture("models/tiny-llama3-q8_0.gguf");
    assertThat(Cli.run("", "logits", "--model", model).err())
        .contains("expected a JSON array of prompts on stdin; it is empty");
    Cli.Result object = Cli.run("{\"prompt\": 1}", "tokenize", "--model", model);
    assertThat(object.exitCode()).isEqualTo(2);
    assertThat(object.err()).contains("expected a JSON array of strings on stdin");
    Cli.Result empty = Cli.run("[\"\"]", "logits", "--model", model);
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err()).contains("prompt 0 is empty");
    Cli.Result probe = Cli.run("[\"x\"]", "logits", "--model", model, "--probe", "999999");
    assertThat(probe.exitCode()).isEqualTo(2);
    assertThat(probe.err()).contains("--probe id 999999 is outside the vocabulary");
  }

  @Test
  void logitsRefusesAContinuationBeyondTheContextBeforeComputing() {
    long start = System.nanoTime();
    Cli.Result result = Cli.run("[\"Hello\", \"world\"]", "logits", "--model",
        Cli.fixture("models/tiny-llama3-q8_0.gguf"), "--greedy", "9000");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("prompt 0 is 1 tokens; with 9000 greedy tokens it needs 9000 "
        + "positions, beyond the model's context of 8192");
    assertThat(result.out()).isEmpty();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
  }
}
