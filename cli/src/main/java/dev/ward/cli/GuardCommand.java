package dev.ward.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.GuardRejectedException;
import dev.ward.guard.llamaguard.LlamaGuard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "guard", mixinStandardHelpOptions = true,
    description = "Llama Guard 2 and 3 in process: render prompts, classify conversations.",
    subcommands = {GuardCommand.PromptCommand.class, GuardCommand.ClassifyCommand.class})
final class GuardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  @Command(name = "prompt", mixinStandardHelpOptions = true,
      description = {"Render conversations with the Llama Guard template.",
          "Reads a JSON array of conversations (each an array of {\"role\", \"content\"}); prints "
              + "a JSON array of {\"prompt\", \"tokens\"} (tokens include BOS)."})
  static final class PromptCommand implements Runnable {
    @Spec CommandSpec spec;
    @Mixin GuardOptions guard;

    @Override
    public void run() {
      JsonNode input = Json.read(WardCommand.stdin(spec), JsonNode.class, "a JSON array of conversations");
      if (!input.isArray()) {
        throw new UsageException("expected a JSON array of conversations on stdin");
      }
      List<Conversation> conversations = new ArrayList<>();
      for (int i = 0; i < input.size(); i++) {
        conversations.add(ConversationJson.parse(input.get(i), "conversation " + i));
      }
      try (LlamaGuard loaded = guard.load(LlamaGuard.Options.builder(), spec.commandLine().getErr())) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Conversation conversation : conversations) {
          LlamaGuard.RenderedPrompt prompt = loaded.prompt(conversation);
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("prompt", prompt.text());
          json.put("tokens", prompt.tokens());
          out.add(json);
        }
        Json.print(spec.commandLine().getOut(), out, true);
      }
    }
  }

  @Command(name = "classify", mixinStandardHelpOptions = true,
      description = {"Classify the last message of a conversation.",
          "Reads one conversation (a JSON array of {\"role\", \"content\"}) on stdin and prints "
              + "its verdict; with --jsonl, one conversation per line and one verdict per line "
              + "(a line that cannot be read gets {\"line\", \"error\"} and the exit code is 1)."})
  static final class ClassifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GuardOptions guard;

    @Option(names = "--threshold", paramLabel = "X", defaultValue = "0.5",
        description = "Unsafe when P(unsafe) reaches X (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--jsonl", description = "One conversation per line in, one verdict per line out.")
    boolean jsonl;

    @Option(names = "--categories",
        description = "Decode the categories line even when the verdict is safe.")
    boolean categories;

    @Override
    public Integer call() {
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new UsageException("--threshold must be within [0, 1]; got " + threshold);
      }
      LlamaGuard.Options.Builder options = LlamaGuard.Options.builder().threshold(threshold)
          .alwaysCategories(categories);
      PrintWriter out = spec.commandLine().getOut();
      if (!jsonl) {
        JsonNode input = Json.read(WardCommand.stdin(spec), JsonNode.class, "a conversation");
        Conversation conversation = ConversationJson.parse(input, "stdin");
        try (LlamaGuard loaded = guard.load(options, spec.commandLine().getErr())) {
          Json.print(out, ConversationJson.verdict(loaded.classify(conversation)), true);
        }
        return 0;
      }
      boolean failed = false;
      try (LlamaGuard loaded = guard.load(options, spec.commandLine().getErr());
          BufferedReader lines = new BufferedReader(
              new InputStreamReader(WardCommand.stdin(spec), StandardCharsets.UTF_8))) {
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          Map<String, Object> result;
          try {
            Conversation conversation = ConversationJson.parse(parseLine(line), "line " + number);
            result = ConversationJson.verdict(loaded.classify(conversation));
          } catch (UsageException | GuardRejectedException e) {
            failed = true;
            result = new LinkedHashMap<>();
            result.put("line", number);
            result.put("error", e.getMessage());
          }
          Json.print(out, result, false);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return failed ? Errors.FAILURE : 0;
    }

    private static JsonNode parseLine(String line) {
      try {
        return Json.MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        throw new UsageException("not JSON: " + e.getOriginalMessage());
      }
    }
  }
}
