package dev.ward.guard.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guard.Fixtures;
import dev.ward.guard.sampling.Probabilities;
import dev.ward.guard.tensor.VectorMath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against the exact float64 references of the shared fixtures, with the tolerance
 * their README defines: tokens as given; every exact top-10 probability and probe within
 * {@code max(2e-3, 1.5 * llamacpp_max_dev)}; greedy tokens equal until the first step whose
 * exact margin is under {@code max(0.2, 4 * tolerance)}.
 *
 * <p>More models are checked the same way with {@code -Dward.conformance.models=DIR}: every
 * {@code NAME.exact.json} there (written by {@code shared/tools/np_llama.py}) with its
 * {@code NAME.gguf}.
 */
class ConformanceTest {
  static final double MIN_TOLERANCE = 2e-3;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String model : List.of("tiny-llama3-q8_0", "tiny-llama3-q4_k_m", "tiny-llama3-f16",
        "tiny-guard-q8_0")) {
      cases.add(Arguments.of(model, "models/" + model + ".gguf", "models/" + model + ".exact.json"));
      cases.add(Arguments.of(model + " (llama guard prompts)", "models/" + model + ".gguf",
          "llama-guard/lg2-" + model + ".exact.json"));
    }
    String extra = System.getProperty("ward.conformance.models");
    if (extra != null) {
      cases.addAll(extraModels(Path.of(extra)));
    }
    return cases.stream();
  }

  /** {@code NAME.gguf} with {@code NAME.exact.json} beside it, from a folder the caller names. */
  private static List<Arguments> extraModels(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".exact.json")).sorted().map(reference -> {
        String name = reference.getFileName().toString().replace(".exact.json", "");
        return Arguments.of(name + " (" + dir + ")", dir.resolve(name + ".gguf").toString(),
            reference.toString());
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesExactReference(String name, String modelFile, String referenceFile) {
    boolean absolute = Path.of(referenceFile).isAbsolute();
    JsonNode reference = absolute ? read(Path.of(referenceFile)) : Fixtures.json(referenceFile);
    Path modelPath = absolute ? Path.of(modelFile) : Fixtures.fixture(modelFile);
    try (LlamaModel model = LlamaModel.load(modelPath, 2)) {
      for (JsonNode prompt : reference) {
        checkPrompt(model, prompt);
      }
    }
  }

  private static JsonNode read(Path file) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void checkPrompt(LlamaModel model, JsonNode prompt) {
    int[] tokens = ints(prompt.get("tokens"));
    double tolerance = Math.max(MIN_TOLERANCE, 1.5 * prompt.get("llamacpp_max_dev").asDouble());
    String label = prompt.get("prompt").asText().substring(0,
        Math.min(40, prompt.get("prompt").asText().length()));

    Sequence sequence = model.newSequence();
    Probabilities p = new Probabilities(sequence.forward(tokens));

    JsonNode top = prompt.get("top");
    for (int i = 0; i < 10; i++) {
      int id = top.get(i).get(0).asInt();
      assertThat(p.of(id)).as("%s: p(top %d = %d)", label, i, id)
          .isCloseTo(top.get(i).get(1).asDouble(), org.assertj.core.data.Offset.offset(tolerance));
    }
    prompt.get("probe").properties().forEach(e ->
        assertThat(p.of(Integer.parseInt(e.getKey()))).as("%s: probe %s", label, e.getKey())
            .isCloseTo(e.getValue().asDouble(), org.assertj.core.data.Offset.offset(tolerance)));

    JsonNode greedy = prompt.get("greedy");
    JsonNode margins = prompt.get("greedy_margin");
    double minMargin = Math.max(0.2, 4 * tolerance);
    float[] logits = null;
    for (int step = 0; step < greedy.size(); step++) {
      int next = step == 0 ? p.argmax() : VectorMath.argmax(logits);
      assertThat(next).as("%s: greedy step %d", label, step).isEqualTo(greedy.get(step).asInt());
      if (margins.get(step).asDouble() < minMargin || step == greedy.size() - 1) {
        break;
      }
      logits = sequence.forward(next);
    }
  }

  static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }

}
