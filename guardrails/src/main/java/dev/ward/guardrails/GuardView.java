package dev.ward.guardrails;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the guard model sees of a {@link Chat}: Llama Guard reads alternating user and agent
 * turns, so system text and tool results join the user's side, tool calls the assistant's, and
 * consecutive turns of one side merge (the rules are listed on {@link Chat}).
 */
final class GuardView {
  private GuardView() {}

  /**
   * The conversation up to and including its last user-side turn, for a prompt check; empty
   * when nobody but the assistant has spoken.
   */
  static Optional<Conversation> ofInput(Chat chat) {
    List<Chat.Message> messages = chat.messages();
    int last = messages.size() - 1;
    while (last >= 0 && !messages.get(last).role().userSide()) {
      last--;
    }
    if (last < 0) {
      return Optional.empty();
    }
    return Optional.of(new Conversation(turns(messages.subList(0, last + 1))));
  }

  /** The conversation up to its last user-side turn, then the answer, for a response check. */
  static Conversation ofOutput(Chat chat, String answer) {
    List<Chat.Message> upToPrompt = ofInput(chat).isPresent()
        ? chat.messages().subList(0, lastUserSide(chat) + 1) : List.of();
    List<Message> turns = turns(upToPrompt);
    if (turns.isEmpty()) {
      // An answer with no prompt: the template still needs a user turn before the agent's.
      turns.add(Message.user(""));
    }
    turns.add(Message.assistant(answer));
    return new Conversation(turns);
  }

  private static int lastUserSide(Chat chat) {
    List<Chat.Message> messages = chat.messages();
    int last = messages.size() - 1;
    while (!messages.get(last).role().userSide()) {
      last--;
    }
    return last;
  }

  private static List<Message> turns(List<Chat.Message> messages) {
    List<Message> turns = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    Boolean userSide = null;
    for (Chat.Message message : messages) {
      boolean side = message.role().userSide();
      if (userSide == null && !side) {
        turns.add(Message.user(""));
      } else if (userSide != null && side != userSide) {
        turns.add(turn(userSide, text));
        text.setLength(0);
      }
      userSide = side;
      String part = render(message);
      if (!part.isEmpty()) {
        text.append(text.isEmpty() ? "" : "\n\n").append(part);
      }
    }
    if (userSide != null) {
      turns.add(turn(userSide, text));
    }
    return turns;
  }

  private static Message turn(boolean userSide, CharSequence text) {
    return userSide ? Message.user(text.toString()) : Message.assistant(text.toString());
  }

  private static String render(Chat.Message message) {
    return switch (message.role()) {
      case TOOL -> "[tool result" + (message.name() == null ? "" : " " + message.name()) + "] "
          + message.text();
      case SYSTEM, USER, ASSISTANT -> message.text();
    };
  }
}
