package dev.ward.guard.llamaguard;

import dev.ward.guard.model.Sequence;
import java.util.Arrays;

/**
 * What a {@link GuardSession} keeps between checks: a sequence whose KV cache holds the tokens
 * of the previous check's prompt. Its checks run one at a time, but on whichever worker, and a
 * cancelled check may still be finishing on its worker while the next one starts: so the
 * methods are synchronized, and a check only records its result while its sequence is still
 * the session's.
 */
final class SessionState {
  private Sequence sequence;
  /** The tokens in the sequence's cache, or null while a check runs or after a failure. */
  private int[] tokens;

  /**
   * How many leading tokens of {@code prompt} the kept sequence already holds, short of the
   * last one (whose logits are needed, so it is always evaluated).
   */
  synchronized int reusable(int[] prompt) {
    if (tokens == null) {
      return 0;
    }
    int limit = Math.min(tokens.length, prompt.length - 1);
    int common = Arrays.mismatch(tokens, 0, limit, prompt, 0, limit);
    return common < 0 ? limit : common;
  }

  /** The kept sequence, rewound to its first {@code length} tokens. */
  synchronized Sequence resume(int length) {
    sequence.rewind(length);
    return sequence;
  }

  /** A check starts on {@code next}: until it ends, nothing is known to be held. */
  synchronized void evaluating(Sequence next) {
    tokens = null;
    sequence = next;
  }

  /**
   * The check on {@code evaluated} ran its prompt through it (and maybe part of an answer
   * after it, which is forgotten here); ignored when the session has moved on.
   */
  synchronized void evaluated(Sequence evaluated, int[] prompt) {
    if (evaluated == sequence) {
      sequence.rewind(prompt.length);
      tokens = prompt;
    }
  }

  /** Drops the sequence, e.g. after a failed or cancelled check left it unusable. */
  synchronized void clear() {
    tokens = null;
    sequence = null;
  }

  synchronized int heldTokens() {
    return tokens == null ? 0 : tokens.length;
  }
}
