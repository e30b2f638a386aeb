package dev.ward.guard.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One sequence being evaluated by a {@link LlamaModel}: its KV cache and its position. Not
 * thread-safe: each request uses its own sequence; the model behind it is shared.
 *
 * <p>A forward pass evaluates a batch of tokens at once ({@link ForwardPass}), and may take
 * several sequences together ({@link #forwardTogether}), so that each weight row is dequantized
 * once for all of their tokens. A cancelled pass (thread interrupt, or the caller's condition)
 * stops within a unit of a matrix product with a {@link CancellationException}; its sequences
 * are then unusable.
 */
public final class Sequence {
  /** Rows per forward step; bounds the scratch memory of long prompts. */
  static final int MAX_ROWS = 128;

  private final LlamaModel model;
  private final KvCache cache;
  private final ForwardPass.Scratch scratch = new ForwardPass.Scratch();
  private int position;
  private boolean broken;

  Sequence(LlamaModel model, KvCache cache, int position) {
    this.model = model;
    this.cache = cache;
    this.position = position;
  }

  /** Tokens evaluated so far. */
  public int position() {
    return position;
  }

  public LlamaModel model() {
    return model;
  }

  KvCache cache() {
    return cache;
  }

  /** The memory the KV cache holds: its capacity, which grows ahead of the positions used. */
  public long cacheBytes() {
    return cache.bytes();
  }

  void advance(int tokens) {
    position += tokens;
  }

  /**
   * Evaluates {@code tokens} after those already in the sequence and returns the next-token
   * logits after the last of them (a fresh array of vocabulary size).
   */
  public float[] forward(int... tokens) {
    return forwardTogether(List.of(this), List.of(tokens), Thread.currentThread()::isInterrupted)
        .getFirst();
  }

  /** As {@link #forward(int...)}, writing the logits into {@code logits}, or skipping them if null. */
  public void forward(int[] tokens, float[] logits) {
    forward(tokens, logits, Thread.currentThread()::isInterrupted);
  }

  /**
   * As {@link #forward(int[], float[])}, stopping with a {@link CancellationException} soon
   * after {@code cancelled} turns true (it is checked around every matrix product and by the
   * kernels' units of work); the sequence is then unusable.
   */
  public void forward(int[] tokens, float[] logits, BooleanSupplier cancelled) {
    run(List.of(this), List.of(tokens), logits == null ? null : new float[][] {logits},
        cancelled, scratch);
  }

  /**
   * Forgets every token after the first {@code length}: the next forward step continues from
   * there (the cache rows beyond are overwritten). This is how a caller that keeps a sequence
   * for a conversation re-evaluates only what changed at its end.
   */
  public void rewind(int length) {
    if (broken) {
      throw new IllegalStateException("sequence was interrupted during a forward pass");
    }
    if (length < 0 || length > position) {
      throw new IllegalArgumentException("cannot rewind a sequence of " + position + " tokens to "
          + length);
    }
    position = length;
  }

  /**
   * Evaluates several sequences of one model in shared steps and returns each one's next-token
   * logits. Worth it when requests arrive together: the weights are read once per step for all.
   *
   * @param cancelled checked around every matrix product and by the kernels' units of work;
   *     true stops the pass
   */
  public static List<float[]> forwardTogether(List<Sequence> sequences, List<int[]> tokens,
      BooleanSupplier cancelled) {
    float[][] logits = new float[sequences.size()][];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = new float[sequences.get(i).model.vocabularySize()];
    }
    ForwardPass.Scratch scratch = sequences.size() == 1 ? sequences.getFirst().scratch
        : new ForwardPass.Scratch();
    run(sequences, tokens, logits, cancelled, scratch);
    return List.of(logits);
  }

  private static void run(List<Sequence> sequences, List<int[]> tokens, float[][] logits,
      BooleanSupplier cancelled, ForwardPass.Scratch scratch) {
    validate(sequences, tokens);
    LlamaModel model = sequences.getFirst().model;
    model.whileOpen(() -> runOpen(model, sequences, tokens, logits,
        () -> model.isClosed() || cancelled.getAsBoolean(), scratch));
  }

  private static void runOpen(LlamaModel model, List<Sequence> sequences, List<int[]> tokens,
      float[][] logits, BooleanSupplier cancelled, ForwardPass.Scratch scratch) {
    ForwardPass pass = new ForwardPass(model, scratch, cancelled);
    int[] done = new int[sequences.size()];
    sequences.forEach(s -> s.broken = true);
    boolean more = true;
    while (more) {
      List<ForwardPass.Segment> step = new ArrayList<>();
      int rows = 0;
      for (int i = 0; i < sequences.size() && rows < MAX_ROWS; i++) {
        int left = tokens.get(i).length - done[i];
        if (left == 0) {
          continue;
        }
        int count = Math.min(left, MAX_ROWS - rows);
        float[] out = count == left && logits != null ? logits[i] : null;
        step.add(new ForwardPass.Segment(sequences.get(i), tokens.get(i), done[i], count, rows, out));
        rows += count;
        done[i] += count;
      }
      pass.run(step);
      more = false;
      for (int i = 0; i < done.length; i++) {
        more |= done[i] < tokens.get(i).length;
      }
    }
    sequences.forEach(s -> s.broken = false);
  }

  private static void validate(List<Sequence> sequences, List<int[]> tokens) {
    if (sequences.isEmpty() || sequences.size() != tokens.size()) {
      throw new IllegalArgumentException("need one token array per sequence; got "
          + sequences.size() + " sequences and " + tokens.size() + " token arrays");
    }
    Set<Sequence> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    LlamaModel model = sequences.getFirst().model;
    for (int i = 0; i < sequences.size(); i++) {
      Sequence sequence = sequences.get(i);
      int[] ids = tokens.get(i);
      if (sequence.model != model || !distinct.add(sequence)) {
        throw new IllegalArgumentException("sequences evaluated together must be distinct and of one model");
      }
      if (sequence.broken) {
        throw new IllegalStateException("sequence was interrupted during a forward pass");
      }
      if (ids.length == 0) {
        throw new IllegalArgumentException("no tokens to evaluate");
      }
      int vocabulary = model.vocabularySize();
      for (int token : ids) {
        if (token < 0 || token >= vocabulary) {
          throw new IllegalArgumentException("token id " + token + " is outside the vocabulary 0.."
              + (vocabulary - 1));
        }
      }
      if ((long) sequence.position + ids.length > model.config().contextLength()) {
        throw new IllegalArgumentException("sequence of " + (sequence.position + ids.length)
            + " tokens exceeds the model's context length " + model.config().contextLength());
      }
    }
  }

  /** A copy of this sequence's state, from which new sequences can continue. */
  public Snapshot snapshot() {
    return new Snapshot(model, cache.copy(position, 0), position);
  }

  /** Saved sequence state: the KV cache of a prompt prefix, reused by many sequences. */
  public static final class Snapshot {
    private final LlamaModel model;
    private final KvCache cache;
    private final int length;

    private Snapshot(LlamaModel model, KvCache cache, int length) {
      this.model = model;
      this.cache = cache;
      this.length = length;
    }

    public int length() {
      return length;
    }

    /** A new sequence positioned after the snapshot's tokens; the snapshot stays unchanged. */
    public Sequence resume() {
      return new Sequence(model, cache.copy(length, MAX_ROWS), length);
    }

    public long bytes() {
      return cache.bytes();
    }
  }
}
