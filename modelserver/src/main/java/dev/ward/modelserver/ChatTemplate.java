package dev.ward.modelserver;

import dev.ward.guard.gguf.GgufMetadata;
import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.Message;
import dev.ward.guard.llamaguard.PromptFormat;
import dev.ward.guard.llamaguard.Role;
import dev.ward.guard.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns chat messages into the prompt tokens a model was trained on. The engine reads Llama 3
 * vocabularies only, so two families of templates can occur: the Llama 3 instruct format, and a
 * Llama Guard format (whose "chat" is a classification prompt). A GGUF file's Jinja template is
 * recognised by its markers rather than interpreted; a file with no template, or one that is
 * neither, gets the Llama 3 instruct format, and {@link #description()} says so.
 *
 * <p>Message text is always tokenized as plain text, so a user who writes
 * {@code <|eot_id|>} cannot end a turn or forge a header; only the template's own markers
 * become control tokens.
 */
abstract sealed class ChatTemplate {
  static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool", "ipython");

  /** One chat message: a role (system, user, assistant, tool, ipython) and its text. */
  record ChatMessage(String role, String content) {}

  /** The prompt for {@code messages}, ending where the assistant's answer begins. */
  abstract int[] render(List<ChatMessage> messages, Tokenizer tokenizer);

  /** Which template this is and where it came from, for the start-up line. */
  abstract String description();

  static ChatTemplate of(GgufMetadata metadata) {
    Optional<PromptFormat> guard = PromptFormat.detect(metadata);
    if (guard.isPresent()) {
      return new Guard(guard.get());
    }
    Optional<String> jinja = metadata.string("tokenizer.chat_template");
    if (jinja.isEmpty()) {
      return new Llama3("Llama 3 instruct (the file has no chat template)");
    }
    return jinja.get().contains("<|start_header_id|>")
        ? new Llama3("Llama 3 instruct (from the file's chat template)")
        : new Llama3("Llama 3 instruct (the file's chat template is not one Ward recognises)");
  }

  /**
   * {@code <|begin_of_text|>}, then per message
   * {@code <|start_header_id|>ROLE<|end_header_id|>\n\nTEXT<|eot_id|>} with the text stripped,
   * then the assistant's header.
   */
  static final class Llama3 extends ChatTemplate {
    private final String description;

    Llama3(String description) {
      this.description = description;
    }

    @Override
    int[] render(List<ChatMessage> messages, Tokenizer tokenizer) {
      TokenList out = new TokenList();
      out.add(tokenizer.bos());
      for (ChatMessage m : messages) {
        out.add(tokenizer.encode(header(m.role()), true));
        out.add(tokenizer.encode(m.content().strip(), false));
        out.add(tokenizer.eos());
      }
      out.add(tokenizer.encode(header("assistant"), true));
      return out.toArray();
    }

    private static String header(String role) {
      return "<|start_header_id|>" + role + "<|end_header_id|>\n\n";
    }

    @Override
    String description() {
      return description;
    }
  }

  /**
   * A Llama Guard model's prompt under its own taxonomy: the conversation to classify is the
   * user and assistant turns, alternating and starting with the user, as its template demands.
   */
  static final class Guard extends ChatTemplate {
    private final PromptFormat format;

    Guard(PromptFormat format) {
      this.format = format;
    }

    @Override
    int[] render(List<ChatMessage> messages, Tokenizer tokenizer) {
      List<Message> turns = new ArrayList<>();
      for (ChatMessage m : messages) {
        turns.add(new Message(Role.parse(m.role()), m.content()));
      }
      return format.scoringTokens(format.render(new Conversation(turns), format.defaultTaxonomy()),
          tokenizer);
    }

    @Override
    String description() {
      return format.name() + " (a Llama Guard model: chats are classified)";
    }
  }

  /** A growable int list, to avoid boxing every prompt token. */
  private static final class TokenList {
    private int[] ids = new int[256];
    private int size;

    void add(int id) {
      if (size == ids.length) {
        ids = java.util.Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = id;
    }

    void add(int[] more) {
      for (int id : more) {
        add(id);
      }
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(ids, size);
    }
  }
}
