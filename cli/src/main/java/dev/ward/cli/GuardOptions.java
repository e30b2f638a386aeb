package dev.ward.cli;

import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.PromptFormat;
import dev.ward.guard.model.LlamaModel;
import dev.ward.taxonomy.Taxonomies;
import java.io.PrintWriter;
import java.util.Optional;
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

  /** Loads the guard; says on {@code err} when the format had to be assumed. */
  LlamaGuard load(LlamaGuard.Options.Builder options, PrintWriter err) {
    LlamaModel loaded = model.load();
    try {
      PromptFormat chosen = format != null ? named(format)
          : PromptFormat.detect(loaded.file().metadata()).orElseGet(() -> {
            err.println("ward: " + model.model + " declares no Llama Guard format; using "
                + PromptFormat.LLAMA_GUARD_2 + " (choose one with --format)");
            return PromptFormat.llamaGuard2();
          });
      options.format(chosen);
      Optional.ofNullable(taxonomy).map(Taxonomies::resolve).ifPresent(options::taxonomy);
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
