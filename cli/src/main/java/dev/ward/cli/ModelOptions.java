package dev.ward.cli;

import dev.ward.guard.model.LlamaModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --threads}, shared by the commands that run a model. */
final class ModelOptions {
  @Option(names = "--model", required = true, paramLabel = "FILE.gguf",
      description = "A Llama 3 architecture model in GGUF format.")
  Path model;

  @Option(names = "--threads", paramLabel = "N",
      description = "Compute threads (default: one per core).")
  Integer threads;

  int threads() {
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1 || n > 1024) {
      throw new UsageException("--threads must be within 1..1024; got " + n);
    }
    return n;
  }

  LlamaModel load() {
    return LlamaModel.load(model, threads());
  }

}
