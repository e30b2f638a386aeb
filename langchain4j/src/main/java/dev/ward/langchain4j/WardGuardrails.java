package dev.ward.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.ward.guardrails.Chat;
import dev.ward.guardrails.Guardrails;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Ward's guardrails for LangChain4j AI services.
 *
 * <p>Annotated services ({@code @InputGuardrails(WardInputGuardrail.class)},
 * {@code @OutputGuardrails(WardOutputGuardrail.class)}) have their guardrails made by LangChain4j
 * through the no-argument constructors, which use the {@link Guardrails} installed here. Services
 * built with {@code AiServices.builder(...).inputGuardrails(new WardInputGuardrail(rails))} pass
 * their own instead.
 */
public final class WardGuardrails {
  private static volatile Guardrails installed;

  private WardGuardrails() {}

  /** The guardrails that annotation-created Ward guardrails use. */
  public static void install(Guardrails guardrails) {
    installed = Objects.requireNonNull(guardrails, "guardrails");
  }

  static Guardrails installed() {
    Guardrails rails = installed;
    if (rails == null) {
      throw new IllegalStateException("no Ward guardrails installed: call "
          + "WardGuardrails.install(Guardrails.builder()...build()) before using an AI service "
          + "annotated with Ward's guardrails, or pass the guardrails to their constructors");
    }
    return rails;
  }

  /** The conversation so far as Ward's {@link Chat}: the chat memory, if the service has one. */
  static Chat history(GuardrailRequestParams params) {
    List<Chat.Message> messages = new ArrayList<>();
    if (params != null && params.chatMemory() != null) {
      for (ChatMessage message : params.chatMemory().messages()) {
        messages.add(toWard(message));
      }
    }
    return new Chat(messages);
  }

  /** A LangChain4j message as Ward sees it: text, with placeholders for what is not text. */
  static Chat.Message toWard(ChatMessage message) {
    return switch (message) {
      case SystemMessage m -> Chat.system(m.text());
      case UserMessage m -> Chat.user(text(m.contents()));
      case AiMessage m -> Chat.assistant(aiText(m));
      case ToolExecutionResultMessage m -> Chat.tool(m.toolName(), m.text());
      case CustomMessage m -> Chat.user(String.valueOf(m.attributes()));
      default -> Chat.user(String.valueOf(message));
    };
  }

  private static String text(List<Content> contents) {
    StringBuilder text = new StringBuilder();
    for (Content content : contents) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(content instanceof TextContent t ? t.text()
          : "[" + content.type().name().toLowerCase(Locale.ROOT) + "]");
    }
    return text.toString();
  }

  private static String aiText(AiMessage message) {
    StringBuilder text = new StringBuilder(message.text() == null ? "" : message.text());
    if (message.toolExecutionRequests() != null) {
      for (ToolExecutionRequest call : message.toolExecutionRequests()) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append("[tool call] ").append(call.name()).append(": ").append(call.arguments());
      }
    }
    return text.toString();
  }
}
