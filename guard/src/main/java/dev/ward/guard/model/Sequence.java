package dev.ward.guard.model;

import dev.ward.guard.tensor.MatMul;
import dev.ward.guard.tensor.Parallel;
import dev.ward.guard.tensor.VectorMath;
import dev.ward.guard.tensor.WeightMatrix;
import java.util.concurrent.CancellationException;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One sequence being evaluated by a {@link LlamaModel}: its KV cache, its position and its scratch
 * buffers. Not thread-safe: each thread (each request) uses its own sequence; the model behind
 * it is shared.
 *
 * <p>{@link #forward} runs the Llama block for a batch of tokens at once, so that each weight row
 * is dequantized once per batch rather than once per token:
 * <pre>
 * x = embed(tokens)
 * per layer: h = rmsnorm(x); q,k,v = h Wq, h Wk, h Wv; rope(q, k); cache k, v
 *            x += attention(q, cache) Wo
 *            h = rmsnorm(x); x += (silu(h Wgate) * h Wup) Wdown
 * logits = rmsnorm(x[last]) Wout
 * </pre>
 * A thread interrupt stops the pass between layers with a {@link CancellationException}; the
 * sequence is then unusable.
 */
public final class Sequence {
  /** Tokens per internal step; bounds the scratch memory of long prompts. */
  static final int MAX_BATCH = 128;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private final LlamaModel model;
  private final LlamaConfig c;
  private final LlamaWeights w;
  private final Parallel parallel;
  private final KvCache cache;
  private int position;
  private boolean broken;

  private int batch;
  private float[] x;
  private float[] h;
  private float[] q;
  private float[] k;
  private float[] v;
  private float[] attention;
  private float[] gate;
  private float[] up;

  Sequence(LlamaModel model, KvCache cache, int position) {
    this.model = model;
    this.c = model.config();
    this.w = model.weights();
    this.parallel = model.parallel();
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

  /**
   * Evaluates {@code tokens} after those already in the sequence and returns the next-token
   * logits after the last of them (a fresh array of vocabulary size).
   */
  public float[] forward(int... tokens) {
    if (tokens.length == 0) {
      throw new IllegalArgumentException("no tokens to evaluate");
    }
    float[] logits = new float[w.output.rows()];
    forward(tokens, logits);
    return logits;
  }

  /** As {@link #forward(int...)}, writing the logits into {@code logits}, or skipping them if null. */
  public void forward(int[] tokens, float[] logits) {
    if (broken) {
      throw new IllegalStateException("sequence was interrupted during a forward pass");
    }
    int vocabulary = w.tokenEmbedding.rows();
    for (int token : tokens) {
      if (token < 0 || token >= vocabulary) {
        throw new IllegalArgumentException("token id " + token + " is outside the vocabulary 0.."
            + (vocabulary - 1));
      }
    }
    if ((long) position + tokens.length > c.contextLength()) {
      throw new IllegalArgumentException("sequence of " + (position + tokens.length)
          + " tokens exceeds the model's context length " + c.contextLength());
    }
    broken = true;
    for (int from = 0; from < tokens.length; from += MAX_BATCH) {
      int count = Math.min(MAX_BATCH, tokens.length - from);
      boolean last = from + count == tokens.length;
      step(tokens, from, count, last ? logits : null);
    }
    broken = false;
  }

  /** A copy of this sequence's state, from which new sequences can continue. */
  public Snapshot snapshot() {
    return new Snapshot(model, cache.copy(position), position);
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
      return new Sequence(model, cache.copy(length), length);
    }

    public long bytes() {
      return cache.bytes();
    }
  }

  private void step(int[] tokens, int from, int count, float[] logits) {
    allocate(count);
    cache.ensureCapacity(position + count);
    int dim = c.dim();
    for (int t = 0; t < count; t++) {
      w.tokenEmbedding.dequantizeRow(tokens[from + t], x, t * dim);
    }
    for (int layer = 0; layer < c.layers(); layer++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("forward pass interrupted");
      }
      block(w.layers[layer], layer, count);
    }
    position += count;
    if (logits != null) {
      VectorMath.rmsNorm(x, (count - 1) * dim, w.outputNorm, c.rmsEps(), h, 0, dim);
      MatMul.multiply(w.output, h, 1, logits, parallel);
    }
  }

  private void block(LlamaWeights.Layer layer, int index, int count) {
    int dim = c.dim();
    int kvDim = c.kvDim();
    normalize(layer.attnNorm(), count);
    multiply(layer.q(), h, count, q);
    multiply(layer.k(), h, count, k);
    multiply(layer.v(), h, count, v);
    float[] cos = new float[model.rope().pairs()];
    float[] sin = new float[model.rope().pairs()];
    float[] keys = cache.keys(index);
    float[] values = cache.values(index);
    for (int t = 0; t < count; t++) {
      model.rope().apply(q, t * dim, c.heads(), position + t, cos, sin);
      model.rope().apply(k, t * kvDim, c.kvHeads(), position + t, cos, sin);
      System.arraycopy(k, t * kvDim, keys, (position + t) * kvDim, kvDim);
      System.arraycopy(v, t * kvDim, values, (position + t) * kvDim, kvDim);
    }
    attend(keys, values, count);
    multiply(layer.o(), attention, count, h);
    VectorMath.add(h, 0, x, 0, count * dim);

    normalize(layer.ffnNorm(), count);
    multiply(layer.gate(), h, count, gate);
    multiply(layer.up(), h, count, up);
    VectorMath.swiglu(gate, up, 0, count * c.ffn());
    multiply(layer.down(), gate, count, h);
    VectorMath.add(h, 0, x, 0, count * dim);
  }

  private void normalize(float[] weight, int count) {
    for (int t = 0; t < count; t++) {
      VectorMath.rmsNorm(x, t * c.dim(), weight, c.rmsEps(), h, t * c.dim(), c.dim());
    }
  }

  private void multiply(WeightMatrix weight, float[] in, int count, float[] out) {
    MatMul.multiply(weight, in, count, out, parallel);
  }

  /** Causal self-attention of the batch's queries over the cache, one task per head. */
  private void attend(float[] keys, float[] values, int count) {
    int headDim = c.headDim();
    int group = c.heads() / c.kvHeads();
    int dim = c.dim();
    int kvDim = c.kvDim();
    float scale = (float) (1 / Math.sqrt(headDim));
    int start = position;
    parallel.forEach(c.heads(), head -> {
      int kvOffset = (head / group) * headDim;
      float[] scores = new float[start + count];
      for (int t = 0; t < count; t++) {
        int visible = start + t + 1;
        int qOffset = t * dim + head * headDim;
        for (int p = 0; p < visible; p++) {
          scores[p] = VectorMath.dot(q, qOffset, keys, p * kvDim + kvOffset, headDim) * scale;
        }
        softmax(scores, visible);
        java.util.Arrays.fill(attention, qOffset, qOffset + headDim, 0f);
        for (int p = 0; p < visible; p++) {
          VectorMath.axpy(scores[p], values, p * kvDim + kvOffset, attention, qOffset, headDim);
        }
      }
    });
  }

  private static void softmax(float[] values, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, values[i]);
    }
    double sum = 0;
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += F.length()) {
      FloatVector e = FloatVector.fromArray(F, values, i).sub(max).lanewise(VectorOperators.EXP);
      e.intoArray(values, i);
      sum += e.reduceLanes(VectorOperators.ADD);
    }
    for (; i < n; i++) {
      values[i] = (float) Math.exp(values[i] - max);
      sum += values[i];
    }
    float inverse = (float) (1 / sum);
    for (i = 0; i < n; i++) {
      values[i] *= inverse;
    }
  }

  private void allocate(int count) {
    if (count <= batch) {
      return;
    }
    batch = count;
    x = new float[count * c.dim()];
    h = new float[count * Math.max(c.dim(), 1)];
    q = new float[count * c.dim()];
    k = new float[count * c.kvDim()];
    v = new float[count * c.kvDim()];
    attention = new float[count * c.dim()];
    gate = new float[count * c.ffn()];
    up = new float[count * c.ffn()];
  }
}
