package dev.ward.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.guardrail.InputGuardrails;
import dev.langchain4j.service.guardrail.OutputGuardrails;
import dev.ward.codeshield.CodeShield;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guardrails.Chat;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Failure;
import dev.ward.guardrails.Guard;
import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.guardrails.Guardrails;
import dev.ward.taxonomy.Action;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The README's "Use Ward as a library" examples, compiled and run by {@link ReadmeExamplesTest},
 * which also checks that the README shows them word for word (the regions between the markers).
 */
final class ReadmeExamples {
  private ReadmeExamples() {}

  // readme:plain-java:begin
  /** An assistant whose prompts and answers pass Ward's guardrails. */
  static final class GuardedAssistant {
    private final Guardrails rails;
    private final Function<Chat, String> llm; // your model call

    GuardedAssistant(Guard guard, Function<Chat, String> llm) {
      this.rails = Guardrails.builder()
          .guard(guard)                                      // Llama Guard, local or remote
          .codeShield(CodeShield.create())                   // insecure code in answers
          .policy(GuardrailPolicy.builder()
              .category("S6", Action.WARN)                   // specialized advice: warn only
              .onFailure(Failure.Kind.TIMEOUT, Action.WARN)  // fail open on timeouts
              .build())
          .timeout(Duration.ofSeconds(5))
          .build();
      this.llm = llm;
    }

    String answer(String prompt) {
      Chat chat = Chat.of(Chat.system("You are a coding assistant."), Chat.user(prompt));
      Decision input = rails.checkInput(chat);
      if (input.blocked()) {
        return "Sorry, I can't help with that.";
      }
      String answer = llm.apply(chat);
      Decision output = rails.checkOutput(chat, answer);
      return output.blocked() ? "Sorry, I can't show that answer." : answer;
    }
  }

  static void main(String[] args) {
    try (Guard guard = Guard.load(Path.of(args[0]), LlamaGuard.Options.defaults())) {
      GuardedAssistant assistant = new GuardedAssistant(guard, chat -> "Hello!");
      System.out.println(assistant.answer(args[1]));
    }
  }
  // readme:plain-java:end

  // readme:langchain4j:begin
  @InputGuardrails(WardInputGuardrail.class)
  @OutputGuardrails(WardOutputGuardrail.class)
  interface Assistant {
    String chat(String message);
  }

  static Assistant assistant(Guardrails rails, ChatModel model) {
    WardGuardrails.install(rails); // the guardrails the annotations use
    return AiServices.create(Assistant.class, model);
  }
  // readme:langchain4j:end
}
