package dev.ward.cli;

import dev.ward.guard.gguf.GgufException;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.tokenizer.Tokenizer;
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

  /** The model file's own vocabulary; a broken one is a usage error naming the file. */
  static Tokenizer tokenizer(LlamaModel model) {
    try {
      return Tokenizer.fromGguf(model.file().metadata());
    } catch (IllegalArgumentException e) {
      throw new GgufException(model.file().source() + ": " + e.getMessage());
    }
  }
}
