package dev.ward.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guardrails.Chat;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Guard;
import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.guardrails.Guardrails;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
      description = {"Classify the last message of a conversation and apply a policy.",
          "Reads one conversation (a JSON array of {\"role\", \"content\"}; roles system, "
              + "user, assistant, tool) on stdin and prints the decision: the policy's action "
              + "(allow, log, warn, block), its reasons, P(unsafe), the categories and any "
              + "check that failed. A last message from the assistant is judged as a response, "
              + "any other as a prompt. With --jsonl, one conversation per line and one decision "
              + "per line; a line that cannot be read gets {\"line\", \"error\"} and the run "
              + "goes on.",
          "Exit codes: 0 nothing blocked, 1 something blocked, 2 usage error, 3 nothing blocked "
              + "but something could not be checked (a bad line, a failed check that the policy "
              + "lets through)."})
  static final class ClassifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GuardOptions guard;

    @Option(names = "--policy", paramLabel = "FILE",
        description = "A policy file (YAML or JSON): thresholds and actions per category, what "
            + "failures do. Default: block every unsafe category, fail closed.")
    Path policy;

    @Option(names = "--threshold", paramLabel = "X",
        description = "Unsafe from P(unsafe) X on (default: the policy's, else 0.5).")
    Double threshold;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
        description = "Longest one classification may take (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--jsonl", description = "One conversation per line in, one decision per line out.")
    boolean jsonl;

    @Option(names = "--categories",
        description = "Decode the categories line even when the verdict is safe.")
    boolean categories;

    @Override
    public Integer call() {
      if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
        throw new UsageException("--threshold must be within [0, 1]; got " + threshold);
      }
      if (timeoutSeconds < 1) {
        throw new UsageException("--timeout must be at least 1 second; got " + timeoutSeconds);
      }
      GuardrailPolicy rules = policy();
      Chat single = jsonl ? null
          : ChatJson.parse(Json.read(WardCommand.stdin(spec), JsonNode.class, "a conversation"), "stdin");
      PrintWriter out = spec.commandLine().getOut();
      try (LlamaGuard loaded = guard.load(LlamaGuard.Options.builder()
          .alwaysCategories(categories).timeout(Duration.ofSeconds(timeoutSeconds)),
          spec.commandLine().getErr(), rules)) {
        Guardrails rails = Guardrails.builder().guard(Guard.local(loaded)).policy(rules)
            .timeout(Duration.ofSeconds(timeoutSeconds)).build();
        if (!jsonl) {
          Decision decision = check(rails, single);
          Json.print(out, ChatJson.decision(decision), true);
          return exitCode(decision.blocked(), !decision.failures().isEmpty());
        }
        return classifyLines(rails, out);
      }
    }

    private int classifyLines(Guardrails rails, PrintWriter out) {
      boolean blocked = false;
      boolean unchecked = false;
      try (BufferedReader lines = new BufferedReader(
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
            Decision decision = check(rails, ChatJson.parse(parseLine(line), "line " + number));
            blocked |= decision.blocked();
            unchecked |= !decision.failures().isEmpty();
            result = ChatJson.decision(decision);
          } catch (UsageException e) {
            unchecked = true;
            result = new LinkedHashMap<>();
            result.put("line", number);
            result.put("error", e.getMessage().replaceFirst("^line " + number + ": ", ""));
          }
          Json.print(out, result, false);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return exitCode(blocked, unchecked);
    }

    private static int exitCode(boolean blocked, boolean unchecked) {
      return blocked ? Errors.FAILURE : unchecked ? Errors.UNCHECKED : 0;
    }

    private static Decision check(Guardrails rails, Chat chat) {
      List<Chat.Message> messages = chat.messages();
      Chat.Message last = messages.getLast();
      return last.role() == Chat.Role.ASSISTANT
          ? rails.checkOutput(new Chat(messages.subList(0, messages.size() - 1)), last.text())
          : rails.checkInput(chat);
    }

    private GuardrailPolicy policy() {
      GuardrailPolicy.Builder rules = policy == null ? GuardrailPolicy.builder()
          : GuardrailPolicy.load(policy).toBuilder();
      guard.taxonomy().ifPresent(rules::taxonomy);
      if (threshold != null) {
        rules.threshold(threshold);
      }
      try {
        return rules.build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    private static JsonNode parseLine(String line) {
      try {
        return Json.MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        throw new UsageException("not JSON: " + Json.problem(e));
      }
    }
  }
}
