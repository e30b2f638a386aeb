package dev.ward.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.ward.guardrails.Chat;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Guardrails;

/**
 * Checks an AI service's answer with Ward (Llama Guard on the response, Code Shield on its code)
 * before the caller sees it. A {@code BLOCK} decision is a fatal guardrail failure: the service
 * throws LangChain4j's {@code OutputGuardrailException} with the decision's reasons, and the
 * answer is removed from the chat memory. Other actions let the answer through.
 */
public class WardOutputGuardrail implements OutputGuardrail {
  private final Guardrails rails;

  /** Uses the guardrails {@linkplain WardGuardrails#install installed}; for annotations. */
  public WardOutputGuardrail() {
    this(WardGuardrails.installed());
  }

  public WardOutputGuardrail(Guardrails rails) {
    this.rails = java.util.Objects.requireNonNull(rails, "rails");
  }

  @Override
  public OutputGuardrailResult validate(OutputGuardrailRequest request) {
    AiMessage answer = request.responseFromLLM().aiMessage();
    Chat chat = WardGuardrails.history(request.requestParams());
    // The memory may already hold the answer under check; the guard judges it once, as the answer.
    if (!chat.messages().isEmpty() && chat.messages().getLast().equals(WardGuardrails.toWard(answer))) {
      chat = new Chat(chat.messages().subList(0, chat.messages().size() - 1));
    }
    Decision decision = rails.checkOutput(chat, WardGuardrails.toWard(answer).text());
    return decision.blocked()
        ? fatalWithMessageRemoval("Ward blocked the answer: " + decision.summary()) : success();
  }
}
