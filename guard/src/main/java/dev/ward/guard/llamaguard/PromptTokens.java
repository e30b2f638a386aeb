package dev.ward.guard.llamaguard;

import dev.ward.guard.tokenizer.Tokenizer;
import java.util.Arrays;

/**
 * A prompt as token ids: the whole of it, and the length of its instruction prefix when the
 * whole begins with the prefix's own tokens (when tokenizing across the boundary would merge
 * text from both sides, the prefix cannot be reused and {@code prefixLength} is 0).
 */
record PromptTokens(int[] all, int prefixLength) {

  static PromptTokens of(Prompt prompt, Tokenizer tokenizer, boolean bos) {
    int[] all = encode(prompt.parts(), tokenizer, bos);
    int[] prefix = encode(prompt.instruction(), tokenizer, bos);
    boolean reusable = prefix.length < all.length
        && Arrays.equals(all, 0, prefix.length, prefix, 0, prefix.length);
    return new PromptTokens(all, reusable ? prefix.length : 0);
  }

  int[] prefix() {
    return Arrays.copyOf(all, prefixLength);
  }

  int[] afterPrefix() {
    return Arrays.copyOfRange(all, prefixLength, all.length);
  }

  /**
   * Template text and content are joined and encoded as ordinary text; only the template's
   * special tokens become control tokens, which is how the reference tokenizer splits a
   * template with special-token parsing on.
   */
  private static int[] encode(Iterable<Prompt.Part> parts, Tokenizer tokenizer, boolean bos) {
    IntList ids = new IntList();
    if (bos) {
      ids.add(tokenizer.bos());
    }
    StringBuilder text = new StringBuilder();
    for (Prompt.Part part : parts) {
      switch (part) {
        case Prompt.Text t -> text.append(t.text());
        case Prompt.Special s -> {
          ids.addAll(tokenizer.encode(text.toString()));
          text.setLength(0);
          ids.add(tokenizer.specialToken(s.text()).orElseThrow(() -> new IllegalStateException(
              "the model's vocabulary lacks the control token " + s.text())));
        }
      }
    }
    ids.addAll(tokenizer.encode(text.toString()));
    return ids.toArray();
  }

  /** A growable int array, to avoid boxing token ids. */
  private static final class IntList {
    private int[] values = new int[256];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    void addAll(int[] more) {
      for (int v : more) {
        add(v);
      }
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
