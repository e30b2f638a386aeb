package dev.ward.guard.llamaguard;

import java.util.ArrayList;
import java.util.List;

/**
 * A rendered Llama Guard prompt: text, with the template's special tokens kept apart so that
 * only they become control tokens (a user who writes {@code <|eot_id|>} gets plain text). It has
 * two halves: the {@code instruction}, identical for every conversation of a role and taxonomy
 * (so its KV cache can be computed once), and the {@code conversation} with the closing
 * instructions.
 */
public record Prompt(List<Part> instruction, List<Part> conversation) {
  /** A piece of a prompt. */
  public sealed interface Part {
    String text();
  }

  /** Template text or message content: never parsed for special tokens. */
  public record Text(String text) implements Part {}

  /** A control token of the template, by its text, e.g. {@code <|start_header_id|>}. */
  public record Special(String text) implements Part {}

  public Prompt {
    instruction = List.copyOf(instruction);
    conversation = List.copyOf(conversation);
  }

  public List<Part> parts() {
    List<Part> all = new ArrayList<>(instruction);
    all.addAll(conversation);
    return all;
  }

  /** The whole prompt as one string, special tokens written out. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (Part part : parts()) {
      text.append(part.text());
    }
    return text.toString();
  }
}
