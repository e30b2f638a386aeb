package dev.ward.guard.model;

import dev.ward.guard.tensor.MatMul;
import dev.ward.guard.tensor.Parallel;
import dev.ward.guard.tensor.VectorMath;
import dev.ward.guard.tensor.WeightMatrix;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One step of the Llama forward pass over a batch of token rows that may come from several
 * sequences. The matrix products see all rows at once, so each weight row is dequantized once
 * per step whatever the number of sequences; RoPE, the KV cache and attention are per sequence.
 *
 * <pre>
 * x = embed(tokens)
 * per layer: h = rmsnorm(x); q,k,v = h Wq, h Wk, h Wv; rope(q, k); cache k, v
 *            x += attention(q, cache) Wo
 *            h = rmsnorm(x); x += (silu(h Wgate) * h Wup) Wdown
 * logits = rmsnorm(x[last row of a sequence]) Wout
 * </pre>
 * (In the last layer only the rows whose logits are wanted go past the keys and values.)
 */
final class ForwardPass {

  /** Rows {@code row .. row + count} of the batch are tokens {@code from ..} of a sequence. */
  record Segment(Sequence sequence, int[] tokens, int from, int count, int row, float[] logits) {}

  private final LlamaModel model;
  private final LlamaConfig c;
  private final LlamaWeights w;
  private final Parallel parallel;
  private final Scratch s;
  private final BooleanSupplier cancelled;

  /** @param cancelled checked before each matrix product and by the kernels' units of work */
  ForwardPass(LlamaModel model, Scratch scratch, BooleanSupplier cancelled) {
    this.model = model;
    this.c = model.config();
    this.w = model.weights();
    this.parallel = model.parallel();
    this.s = scratch;
    this.cancelled = cancelled;
  }

  /** Activation buffers for a number of rows; reused across steps of one caller. */
  static final class Scratch {
    private int rows;
    float[] x;
    float[] h;
    float[] q;
    float[] k;
    float[] v;
    float[] attention;
    float[] gate;
    float[] up;

    void ensure(LlamaConfig c, int needed) {
      if (needed <= rows) {
        return;
      }
      rows = needed;
      x = new float[needed * c.dim()];
      h = new float[needed * c.dim()];
      q = new float[needed * c.dim()];
      k = new float[needed * c.kvDim()];
      v = new float[needed * c.kvDim()];
      attention = new float[needed * c.dim()];
      gate = new float[needed * c.ffn()];
      up = new float[needed * c.ffn()];
    }
  }

  void run(List<Segment> segments) {
    int rows = 0;
    for (Segment segment : segments) {
      segment.sequence().cache().ensureCapacity(segment.sequence().position() + segment.count());
      rows += segment.count();
    }
    s.ensure(c, rows);
    int dim = c.dim();
    for (Segment segment : segments) {
      for (int t = 0; t < segment.count(); t++) {
        w.tokenEmbedding.dequantizeRow(segment.tokens()[segment.from() + t], s.x,
            (segment.row() + t) * dim);
      }
    }
    int last = c.layers() - 1;
    for (int layer = 0; layer < last; layer++) {
      model.countLayer();
      attention(w.layers[layer], layer, segments, rows, false);
      feedForward(w.layers[layer], rows);
    }
    model.countLayer();
    attention(w.layers[last], last, segments, rows, true);
    int wanted = gatherLogitRows(segments);
    feedForward(w.layers[last], wanted);
    for (Segment segment : segments) {
      segment.sequence().advance(segment.count());
    }
    logits(segments, wanted);
  }

  private void checkCancelled() {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("forward pass cancelled");
    }
  }

  /**
   * The attention half of a block, for every row's keys and values. In the last layer only the
   * rows whose logits are wanted go on (as llama.cpp does): nothing else reads their output, so
   * their queries are not attended and the feed-forward half skips them.
   */
  private void attention(LlamaWeights.Layer layer, int index, List<Segment> segments, int rows,
      boolean lastLayer) {
    int dim = c.dim();
    int kvDim = c.kvDim();
    normalize(layer.attnNorm(), rows);
    multiply(layer.qkv(), s.h, rows, new float[][] {s.q, s.k, s.v});
    float[] cos = new float[model.rope().pairs()];
    float[] sin = new float[model.rope().pairs()];
    for (Segment segment : segments) {
      KvCache cache = segment.sequence().cache();
      for (int t = 0; t < segment.count(); t++) {
        int row = segment.row() + t;
        int position = segment.sequence().position() + t;
        model.rope().apply(s.q, row * dim, c.heads(), position, cos, sin);
        model.rope().apply(s.k, row * kvDim, c.kvHeads(), position, cos, sin);
        System.arraycopy(s.k, row * kvDim, cache.keys(index), position * kvDim, kvDim);
        System.arraycopy(s.v, row * kvDim, cache.values(index), position * kvDim, kvDim);
      }
    }
    attend(index, segments, lastLayer);
    if (!lastLayer) {
      multiply(layer.o(), s.attention, rows, s.h);
      VectorMath.add(s.h, 0, s.x, 0, rows * dim);
    }
  }

  /**
   * Moves the last row of each segment that wants logits (its residual and its attention) to the
   * front, in segment order, and finishes the last layer's attention half on those rows only.
   * A row moves to an index no greater than its own and the sources are in increasing order, so
   * no source is overwritten before it is read.
   */
  private int gatherLogitRows(List<Segment> segments) {
    int dim = c.dim();
    int wanted = 0;
    for (Segment segment : segments) {
      if (segment.logits() != null) {
        int row = segment.row() + segment.count() - 1;
        System.arraycopy(s.x, row * dim, s.x, wanted * dim, dim);
        System.arraycopy(s.attention, row * dim, s.attention, wanted * dim, dim);
        wanted++;
      }
    }
    if (wanted > 0) {
      multiply(w.layers[c.layers() - 1].o(), s.attention, wanted, s.h);
      VectorMath.add(s.h, 0, s.x, 0, wanted * dim);
    }
    return wanted;
  }

  /** The feed-forward half of a block, on the first {@code rows} rows. */
  private void feedForward(LlamaWeights.Layer layer, int rows) {
    if (rows == 0) {
      return;
    }
    normalize(layer.ffnNorm(), rows);
    multiply(layer.gateUp(), s.h, rows, new float[][] {s.gate, s.up});
    VectorMath.swiglu(s.gate, s.up, 0, rows * c.ffn());
    multiply(layer.down(), s.gate, rows, s.h);
    VectorMath.add(s.h, 0, s.x, 0, rows * c.dim());
  }

  private void normalize(float[] weight, int rows) {
    for (int r = 0; r < rows; r++) {
      VectorMath.rmsNorm(s.x, r * c.dim(), weight, c.rmsEps(), s.h, r * c.dim(), c.dim());
    }
  }

  /** A matrix product; a cancelled one is abandoned half done, so the check follows it. */
  private void multiply(WeightMatrix weight, float[] in, int rows, float[] out) {
    multiply(new WeightMatrix[] {weight}, in, rows, new float[][] {out});
  }

  /** Products of the same input in one parallel loop, as {@link #multiply(WeightMatrix, float[], int, float[])}. */
  private void multiply(WeightMatrix[] weights, float[] in, int rows, float[][] outs) {
    checkCancelled();
    MatMul.multiply(weights, in, rows, outs, parallel, cancelled);
    checkCancelled();
  }

  /**
   * Causal self-attention of each segment's queries over its own cache; a task per head. With
   * {@code lastOnly}, only the last query of segments that want logits.
   */
  private void attend(int layer, List<Segment> segments, boolean lastOnly) {
    int heads = c.heads();
    checkCancelled();
    parallel.forEach(segments.size() * heads, task -> {
      Segment segment = segments.get(task / heads);
      if (lastOnly && segment.logits() == null || cancelled.getAsBoolean()) {
        return;
      }
      KvCache cache = segment.sequence().cache();
      int from = lastOnly ? segment.count() - 1 : 0;
      attendHead(cache.keys(layer), cache.values(layer), segment, task % heads, from);
    });
  }

  private void attendHead(float[] keys, float[] values, Segment segment, int head, int from) {
    int headDim = c.headDim();
    int dim = c.dim();
    int kvDim = c.kvDim();
    int kvOffset = (head / (c.heads() / c.kvHeads())) * headDim;
    float scale = (float) (1 / Math.sqrt(headDim));
    int start = segment.sequence().position();
    float[] scores = new float[start + segment.count()];
    float[] scratch = new float[VectorMath.LANES * VectorMath.LANES];
    for (int t = from; t < segment.count(); t++) {
      int visible = start + t + 1;
      int qOffset = (segment.row() + t) * dim + head * headDim;
      VectorMath.scaledDots(s.q, qOffset, keys, kvOffset, kvDim, visible, headDim, scale, scores,
          scratch);
      VectorMath.softmax(scores, visible);
      VectorMath.weightedSum(scores, visible, values, kvOffset, kvDim, s.attention, qOffset,
          headDim);
    }
  }

  /** Logits of the gathered rows, in one matrix product. */
  private void logits(List<Segment> segments, int wanted) {
    if (wanted == 0) {
      return;
    }
    int dim = c.dim();
    for (int r = 0; r < wanted; r++) {
      VectorMath.rmsNorm(s.x, r * dim, w.outputNorm, c.rmsEps(), s.h, r * dim, dim);
    }
    int vocabulary = w.output.rows();
    List<float[]> targets = segments.stream().map(Segment::logits).filter(l -> l != null).toList();
    float[] all = wanted == 1 ? targets.getFirst() : new float[wanted * vocabulary];
    multiply(w.output, s.h, wanted, all);
    if (wanted > 1) {
      for (int r = 0; r < wanted; r++) {
        System.arraycopy(all, r * vocabulary, targets.get(r), 0, vocabulary);
      }
    }
  }
}
