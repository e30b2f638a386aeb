package dev.ward.cli;

import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.sampling.Generator;
import dev.ward.guard.sampling.SamplingParams;
import dev.ward.guard.tokenizer.StreamingDecoder;
import dev.ward.guard.tokenizer.Tokenizer;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate text after a prompt, streaming it to stdout.",
        "The prompt's special tokens are parsed; BOS is added unless the prompt begins with it."})
final class GenerateCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The prompt.")
  String prompt;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "128",
      description = "Most tokens to generate (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0",
      description = "0 for greedy (default); higher is more random.")
  double temperature;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "40",
      description = "Sample among the K most likely tokens; 0 for all (default ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--top-p", paramLabel = "P", defaultValue = "0.95",
      description = "Sample among the most likely tokens that reach this probability (default ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of the sampler; equal seeds give equal text (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public void run() {
    if (maxTokens < 0) {
      throw new UsageException("--max-tokens must be >= 0; got " + maxTokens);
    }
    SamplingParams params;
    try {
      params = new SamplingParams(temperature, topK, topP, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    try (LlamaModel loaded = model.load()) {
      Tokenizer tokenizer = Tokenizer.fromGguf(loaded.file());
      int[] encoded = tokenizer.encode(prompt, true);
      int[] tokens = encoded;
      if (encoded.length == 0 || encoded[0] != tokenizer.bos()) {
        tokens = new int[encoded.length + 1];
        tokens[0] = tokenizer.bos();
        System.arraycopy(encoded, 0, tokens, 1, encoded.length);
      }
      PrintWriter out = spec.commandLine().getOut();
      StreamingDecoder decoder = tokenizer.streamingDecoder();
      Generator.generate(loaded.newSequence(), tokens, null, maxTokens, params,
          tokenizer::isEndOfGeneration, token -> {
            out.print(decoder.next(token));
            out.flush();
            return !out.checkError();
          });
      out.println(decoder.finish());
      out.flush();
    }
  }
}
