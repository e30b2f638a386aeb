package dev.ward.guard.llamaguard;

import java.util.List;

/**
 * The conversation to classify: turns that alternate user, assistant, user, ... starting with
 * the user. Llama Guard judges the last turn: a prompt when it is the user's, a response when it
 * is the assistant's.
 */
public record Conversation(List<Message> messages) {
  public Conversation {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new ConversationException("a conversation needs at least one message");
    }
    for (int i = 0; i < messages.size(); i++) {
      Role expected = i % 2 == 0 ? Role.USER : Role.ASSISTANT;
      if (messages.get(i).role() != expected) {
        throw new ConversationException("roles must alternate user/assistant starting with the "
            + "user; message " + (i + 1) + " is from the " + messages.get(i).role().id());
      }
    }
  }

  public static Conversation of(Message... messages) {
    return new Conversation(List.of(messages));
  }

  /** A user prompt on its own: prompt classification. */
  public static Conversation prompt(String userPrompt) {
    return of(Message.user(userPrompt));
  }

  /** A prompt and the assistant's answer: response classification. */
  public static Conversation response(String userPrompt, String answer) {
    return of(Message.user(userPrompt), Message.assistant(answer));
  }

  /** Whose message is judged: the last one's author. */
  public Role judged() {
    return messages.getLast().role();
  }
}
