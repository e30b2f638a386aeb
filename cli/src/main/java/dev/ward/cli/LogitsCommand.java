package dev.ward.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.model.Sequence;
import dev.ward.guard.sampling.Probabilities;
import dev.ward.guard.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "logits", mixinStandardHelpOptions = true,
    description = {"Next-token probabilities after each prompt, in the shape of the llama.cpp "
        + "reference files.",
        "Reads a JSON array of prompts on stdin (special tokens parsed, no BOS added); prints for "
            + "each {\"prompt\", \"tokens\", \"top\": [[id, p], ...], \"greedy\": [...], "
            + "\"probe\": {\"id\": p}}. Probabilities are the plain softmax of the logits."})
final class LogitsCommand implements Runnable {
  /** The tokens the Llama Guard scores read: safe, unsafe, " safe", " unsafe", "\n\n". */
  private static final List<Integer> GUARD_PROBES = List.of(19193, 39257, 6220, 20451, 271);

  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20",
      description = "Most probable tokens to list (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--greedy", paramLabel = "N", defaultValue = "8",
      description = "Tokens of greedy continuation (default ${DEFAULT-VALUE}).")
  int greedy;

  @Option(names = "--probe", paramLabel = "ID", split = ",",
      description = "Token ids whose probability to report (default: 19193,39257,6220,20451,271).")
  List<Integer> probes;

  @Override
  public void run() {
    if (top < 0 || greedy < 0) {
      throw new UsageException("--top and --greedy must be >= 0");
    }
    List<String> prompts = Json.read(WardCommand.stdin(spec), new TypeReference<List<String>>() {},
        "a JSON array of prompts");
    try (LlamaModel loaded = model.load()) {
      Tokenizer tokenizer = Tokenizer.fromGguf(loaded.file());
      List<Integer> probeIds = probes == null ? GUARD_PROBES : probes;
      for (int id : probeIds) {
        if (id < 0 || id >= loaded.vocabularySize()) {
          throw new UsageException("--probe id " + id + " is outside the vocabulary 0.."
              + (loaded.vocabularySize() - 1));
        }
      }
      // Every prompt is checked before any is evaluated: a run must not compute for minutes
      // and then fail on the last prompt's length.
      int context = loaded.config().contextLength();
      List<int[]> encoded = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        String prompt = prompts.get(i);
        int[] tokens = prompt == null ? new int[0] : tokenizer.encode(prompt, true);
        if (tokens.length == 0) {
          throw new UsageException("prompt " + i + " is empty: there is no token to predict after");
        }
        if (tokens.length + Math.max(greedy - 1, 0) > context) {
          throw new UsageException("prompt " + i + " is " + tokens.length + " tokens; with "
              + greedy + " greedy tokens it needs " + (tokens.length + greedy - 1)
              + " positions, beyond the model's context of " + context);
        }
        encoded.add(tokens);
      }
      List<Map<String, Object>> results = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        results.add(evaluate(loaded, prompts.get(i), encoded.get(i), probeIds));
      }
      Json.print(spec.commandLine().getOut(), results, true);
    }
  }

  private Map<String, Object> evaluate(LlamaModel loaded, String prompt, int[] tokens,
      List<Integer> probeIds) {
    Sequence sequence = loaded.newSequence();
    Probabilities p = new Probabilities(sequence.forward(tokens));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("prompt", prompt);
    result.put("tokens", tokens);
    result.put("top", p.top(top));
    Map<String, Double> probe = new LinkedHashMap<>();
    for (int id : probeIds) {
      probe.put(Integer.toString(id), p.of(id));
    }
    List<Integer> continuation = new ArrayList<>();
    Probabilities next = p;
    for (int step = 0; step < greedy; step++) {
      int token = next.argmax();
      continuation.add(token);
      if (step + 1 < greedy) {
        next = new Probabilities(sequence.forward(token));
      }
    }
    result.put("greedy", continuation);
    result.put("probe", probe);
    return result;
  }
}
