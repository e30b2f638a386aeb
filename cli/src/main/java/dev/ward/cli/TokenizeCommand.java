package dev.ward.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = {"Tokenize texts with a model's vocabulary or a tiktoken file.",
        "Reads a JSON array of strings on stdin; prints a JSON array of token-id arrays (no BOS)."})
final class TokenizeCommand implements Runnable {
  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--model", paramLabel = "FILE.gguf", description = "Vocabulary of a GGUF model.")
    Path model;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.model",
        description = "A tiktoken vocabulary file (Llama 3's tokenizer.model).")
    Path tiktoken;
  }

  @Option(names = "--special",
      description = "Recognise special tokens such as <|eot_id|> in the text (off: plain text).")
  boolean special;

  @Override
  public void run() {
    List<String> texts = Json.read(WardCommand.stdin(spec), new TypeReference<List<String>>() {},
        "a JSON array of strings");
    Tokenizer tokenizer = load();
    List<int[]> ids = new ArrayList<>(texts.size());
    for (String text : texts) {
      if (text == null) {
        throw new UsageException("expected a JSON array of strings on stdin; found null at index "
            + ids.size());
      }
      ids.add(tokenizer.encode(text, special));
    }
    Json.print(spec.commandLine().getOut(), ids, false);
  }

  private Tokenizer load() {
    if (source.model != null) {
      try (GgufFile file = GgufFile.open(source.model)) {
        return Tokenizer.fromGguf(file);
      }
    }
    try {
      return Tokenizer.fromTiktoken(source.tiktoken);
    } catch (NoSuchFileException e) {
      throw new UsageException(source.tiktoken + ": no such file");
    } catch (IOException e) {
      throw new UsageException(source.tiktoken + ": cannot read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
