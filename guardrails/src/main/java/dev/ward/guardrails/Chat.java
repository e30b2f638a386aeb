package dev.ward.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A conversation as chat APIs carry it: system instructions, user and assistant turns, tool
 * calls and tool results, in order. {@link Guardrails} decides what of it the guard model sees
 * (Llama Guard knows only alternating user and agent turns):
 *
 * <ul>
 *   <li>{@code system} text is read as the user's: a client can put a request there as easily as
 *       in a user turn, so it is checked with the first user turn (prefixed to it);
 *   <li>{@code tool} results are text the model reads but nobody vetted (a web page, a file):
 *       they count as user-side turns, labelled with the tool's name;
 *   <li>an assistant's tool calls count as the assistant's text ({@code [tool call] name: args});
 *   <li>consecutive turns of one side are joined with a blank line;
 *   <li>non-text content (images, audio) is not seen by the guard; adapters put a placeholder
 *       such as {@code [image]} in the text so that the turn's position is kept.
 * </ul>
 */
public record Chat(List<Message> messages) {
  public Chat {
    Objects.requireNonNull(messages, "messages");
    messages = List.copyOf(messages);
  }

  public static Chat of(Message... messages) {
    return new Chat(List.of(messages));
  }

  /** A conversation of one user prompt. */
  public static Chat ofUser(String text) {
    return of(user(text));
  }

  public static Message system(String text) {
    return new Message(Role.SYSTEM, text, null);
  }

  public static Message user(String text) {
    return new Message(Role.USER, text, null);
  }

  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, text, null);
  }

  /** A tool's result; {@code name} identifies the tool (may be null). */
  public static Message tool(String name, String text) {
    return new Message(Role.TOOL, text, name);
  }

  /** This conversation followed by more messages. */
  public Chat plus(Message... more) {
    List<Message> all = new ArrayList<>(messages);
    all.addAll(List.of(more));
    return new Chat(all);
  }

  /** Who wrote a message. */
  public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** The role as chat APIs write it: {@code system}, {@code user}, {@code assistant}, {@code tool}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the model reads this as input from outside (everything but its own turns). */
    boolean userSide() {
      return this != ASSISTANT;
    }
  }

  /**
   * One message.
   *
   * @param text its text content (tool calls and placeholders for non-text parts included)
   * @param name the tool's name for a tool result, else null
   */
  public record Message(Role role, String text, String name) {
    public Message {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(text, () -> "a " + role.id() + " message needs text (may be empty)");
    }
  }
}
