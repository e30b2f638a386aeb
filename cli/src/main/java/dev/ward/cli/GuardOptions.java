package dev.ward.cli;

import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.PromptFormat;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.taxonomy.Taxonomies;
import dev.ward.taxonomy.Taxonomy;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the guard commands share: the model, its prompt format and taxonomy. */
final class GuardOptions {
  @Mixin ModelOptions model;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "llama-guard-2 or llama-guard-3 (default: from the model file's chat template "
          + "or name, else llama-guard-2).")
  String format;

  @Option(names = "--taxonomy", paramLabel = "NAME|FILE",
      description = "Built-in taxonomy name or a .yaml/.json file (default: the format's own).")
  String taxonomy;

  /** The taxonomy asked for, if any. */
  Optional<Taxonomy> taxonomy() {
    return Optional.ofNullable(taxonomy).map(Taxonomies::resolve);
  }

  /**
   * Loads the guard for a policy: under its taxonomy, naming categories from the lowest
   * probability at which any of its rules acts.
   */
  LlamaGuard load(LlamaGuard.Options.Builder options, PrintWriter err, GuardrailPolicy policy) {
    return load(options, err, format -> {
      Taxonomy under = policy.taxonomy().orElseGet(format::defaultTaxonomy);
      options.taxonomy(under).threshold(policy.lowestThreshold(under));
    });
  }

  /** Loads the guard; says on {@code err} when the format had to be assumed. */
  LlamaGuard load(LlamaGuard.Options.Builder options, PrintWriter err) {
    return load(options, err, format -> { });
  }

  private LlamaGuard load(LlamaGuard.Options.Builder options, PrintWriter err,
      Consumer<PromptFormat> tune) {
    LlamaModel loaded = model.load();
    try {
      PromptFormat chosen = format != null ? named(format)
          : PromptFormat.detect(loaded.file().metadata()).orElseGet(() -> {
            err.println("ward: " + model.model + " declares no Llama Guard format; using "
                + PromptFormat.LLAMA_GUARD_2 + " (choose one with --format)");
            return PromptFormat.llamaGuard2();
          });
      options.format(chosen);
      taxonomy().ifPresent(options::taxonomy);
      tune.accept(chosen);
      return LlamaGuard.of(loaded, options.threads(model.threads()).build());
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }

  private static PromptFormat named(String name) {
    try {
      return PromptFormat.named(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
