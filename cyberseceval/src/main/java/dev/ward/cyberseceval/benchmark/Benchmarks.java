package dev.ward.cyberseceval.benchmark;

import java.util.List;

/** The benchmarks by name. */
public final class Benchmarks {
  /** Names {@code --benchmark} takes ({@code mitre-frr} is accepted for {@code frr}). */
  public static final List<String> NAMES = List.of("instruct", "autocomplete", "mitre", "frr",
      "prompt-injection", "interpreter", "canary-exploit");

  private Benchmarks() {}

  public static Benchmark named(String name) {
    return switch (name) {
      case "instruct" -> CodeBenchmark.instruct();
      case "autocomplete" -> CodeBenchmark.autocomplete();
      case "mitre" -> new MitreBenchmark();
      case "frr", "mitre-frr" -> new FrrBenchmark();
      case "prompt-injection" -> new PromptInjectionBenchmark();
      case "interpreter" -> new InterpreterBenchmark();
      case "canary-exploit" -> new CanaryExploitBenchmark();
      default -> throw new IllegalArgumentException("unknown benchmark '" + name + "'; known: "
          + String.join(", ", NAMES));
    };
  }
}
