package dev.ward.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailRequest;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.ward.guardrails.Chat;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Guardrails;
import java.util.List;

/**
 * Checks an AI service's input with Ward (Llama Guard on the user's side of the conversation)
 * before the model is called. A {@code BLOCK} decision is a fatal guardrail failure: the service
 * throws LangChain4j's {@code InputGuardrailException} with the decision's reasons, and the model
 * is not called. Other actions let the input through.
 */
public class WardInputGuardrail implements InputGuardrail {
  private final Guardrails rails;

  /** Uses the guardrails {@linkplain WardGuardrails#install installed}; for annotations. */
  public WardInputGuardrail() {
    this(WardGuardrails.installed());
  }

  public WardInputGuardrail(Guardrails rails) {
    this.rails = java.util.Objects.requireNonNull(rails, "rails");
  }

  @Override
  public InputGuardrailResult validate(InputGuardrailRequest request) {
    Chat history = WardGuardrails.history(request.requestParams());
    UserMessage user = request.userMessage();
    List<Chat.Message> messages = history.messages();
    Chat chat = !messages.isEmpty() && messages.getLast().equals(WardGuardrails.toWard(user))
        ? history : history.plus(WardGuardrails.toWard(user));
    Decision decision = rails.checkInput(chat);
    return decision.blocked() ? fatal("Ward blocked the input: " + decision.summary()) : success();
  }
}
