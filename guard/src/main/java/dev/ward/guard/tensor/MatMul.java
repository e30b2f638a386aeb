package dev.ward.guard.tensor;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Multiplies activations by a weight matrix: {@code out[t][r] = dot(W[r], x[t])} for
 * {@code tokens} activation rows, choosing the kernel by the number of tokens:
 *
 * <ul>
 *   <li>One token (decoding, and the logits row of a prefill): {@link RowKernel#dot}, each
 *       weight block read once and dequantized in registers into the dot product. Memory-bound;
 *       rows are split over the workers.
 *   <li>A few tokens ({@code < }{@link #LANE_TOKENS}): tiles of weight rows are dequantized into
 *       a scratch buffer that stays in cache while the tokens stream past it, four rows by four
 *       tokens at a time ({@link VectorMath#dot4x4}).
 *   <li>Many tokens: the activations are packed transposed, a vector of {@link #LANE_TOKENS}
 *       tokens per column, and a register-blocked kernel multiplies each dequantized weight
 *       (broadcast) by two such vectors: six rows by two token vectors, twelve accumulators, no
 *       horizontal sums. Tiles of weight rows are dequantized a {@link #CHUNK_COLS}-column chunk
 *       at a time so that the chunk of packed activations stays in the first-level cache.
 * </ul>
 *
 * Every path multiplies the same dequantized float values (bit for bit those of
 * {@link RowKernel#dequantize}); they differ only in the order of the additions.
 *
 * <p>A {@code cancelled} condition is checked before each unit of work (a chunk of rows, a tile),
 * so that the workers stop within one unit once it turns true; the product is then incomplete,
 * and the caller must check the condition and abandon it.
 */
public final class MatMul {
  private static final VectorSpecies<Float> F = Kernels.F;
  /** Tokens per vector in the many-token kernel: one float lane each. */
  static final int LANE_TOKENS = F.length();
  /** Rows of a dequantized tile in the few-token path. */
  private static final int TILE_ROWS = 16;
  /** Rows per register block of the many-token kernel. */
  private static final int BLOCK_ROWS = 6;
  /** Rows of a dequantized tile in the many-token path: a multiple of {@link #BLOCK_ROWS}. */
  private static final int LANE_TILE_ROWS = 48;
  /** Columns dequantized at a time in the many-token path; a multiple of every block size. */
  private static final int CHUNK_COLS = 256;
  private static final BooleanSupplier NEVER = () -> false;
  /** The packed activations of the calling thread, reused across products. */
  private static final ThreadLocal<float[]> PACKED = ThreadLocal.withInitial(() -> new float[0]);

  private MatMul() {}

  /**
   * @param x activations, {@code tokens} rows of {@code w.cols()} floats
   * @param out results, {@code tokens} rows of {@code w.rows()} floats
   */
  public static void multiply(WeightMatrix w, float[] x, int tokens, float[] out, Parallel parallel) {
    multiply(w, x, tokens, out, parallel, NEVER);
  }

  /** As {@link #multiply(WeightMatrix, float[], int, float[], Parallel)}, stopping early once cancelled. */
  public static void multiply(WeightMatrix w, float[] x, int tokens, float[] out, Parallel parallel,
      BooleanSupplier cancelled) {
    if (tokens < 1 || x.length < (long) tokens * w.cols() || out.length < (long) tokens * w.rows()) {
      throw new IllegalArgumentException("buffers too small for " + tokens + " tokens x " + w);
    }
    if (tokens == 1) {
      multiplyOne(w, x, out, parallel, cancelled);
    } else if (tokens < LANE_TOKENS) {
      multiplyFew(w, x, tokens, out, parallel, cancelled);
    } else {
      multiplyMany(w, x, tokens, out, parallel, cancelled);
    }
  }

  private static void multiplyOne(WeightMatrix w, float[] x, float[] out, Parallel parallel,
      BooleanSupplier cancelled) {
    int rows = w.rows();
    int tasks = parallel.split(rows, 8);
    parallel.forEach(tasks, task -> {
      if (cancelled.getAsBoolean()) {
        return;
      }
      int to = (int) ((long) rows * (task + 1) / tasks);
      for (int r = (int) ((long) rows * task / tasks); r < to; r++) {
        out[r] = w.dot(r, x, 0);
      }
    });
  }

  private static void multiplyFew(WeightMatrix w, float[] x, int tokens, float[] out,
      Parallel parallel, BooleanSupplier cancelled) {
    int rows = w.rows();
    int cols = w.cols();
    int tiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
    int tasks = parallel.split(tiles, 1);
    parallel.forEach(tasks, task -> {
      int fromTile = (int) ((long) tiles * task / tasks);
      int toTile = (int) ((long) tiles * (task + 1) / tasks);
      float[] scratch = new float[TILE_ROWS * cols];
      for (int tile = fromTile; tile < toTile && !cancelled.getAsBoolean(); tile++) {
        int r0 = tile * TILE_ROWS;
        int n = Math.min(TILE_ROWS, rows - r0);
        for (int i = 0; i < n; i++) {
          w.dequantizeRow(r0 + i, scratch, i * cols);
        }
        multiplyTile(scratch, n, cols, x, tokens, out, rows, r0);
      }
    });
  }

  private static void multiplyTile(float[] tile, int n, int cols, float[] x, int tokens,
      float[] out, int rows, int r0) {
    int t = 0;
    for (; t + 4 <= tokens; t += 4) {
      int i = 0;
      for (; i + 4 <= n; i += 4) {
        VectorMath.dot4x4(tile, i * cols, cols, x, t * cols, cols, cols, out, t * rows + r0 + i, rows);
      }
      for (; i < n; i++) {
        VectorMath.dot4(tile, i * cols, x, t * cols, cols, cols, out, t * rows + r0 + i, rows);
      }
    }
    for (; t < tokens; t++) {
      for (int i = 0; i < n; i++) {
        out[t * rows + r0 + i] = VectorMath.dot(tile, i * cols, x, t * cols, cols);
      }
    }
  }

  private static void multiplyMany(WeightMatrix w, float[] x, int tokens, float[] out,
      Parallel parallel, BooleanSupplier cancelled) {
    int rows = w.rows();
    int cols = w.cols();
    int vectors = (tokens + LANE_TOKENS - 1) / LANE_TOKENS;
    float[] packed = pack(x, tokens, cols, vectors);
    int tiles = (rows + LANE_TILE_ROWS - 1) / LANE_TILE_ROWS;
    int tasks = parallel.split(tiles, 1);
    parallel.forEach(tasks, task -> {
      int fromTile = (int) ((long) tiles * task / tasks);
      int toTile = (int) ((long) tiles * (task + 1) / tasks);
      int chunk = Math.min(CHUNK_COLS, cols);
      float[] tile = new float[LANE_TILE_ROWS * chunk];
      float[] sums = new float[LANE_TILE_ROWS * vectors * LANE_TOKENS];
      for (int t = fromTile; t < toTile && !cancelled.getAsBoolean(); t++) {
        int r0 = t * LANE_TILE_ROWS;
        int n = Math.min(LANE_TILE_ROWS, rows - r0);
        multiplyLaneTile(w, r0, n, packed, vectors, tile, sums);
        scatter(sums, n, vectors * LANE_TOKENS, tokens, out, rows, r0);
      }
    });
  }

  /**
   * {@code packed[(v * cols + c) * LANES + lane] = x[(v * LANES + lane) * cols + c]}, zero for
   * the padding tokens of the last vector.
   */
  private static float[] pack(float[] x, int tokens, int cols, int vectors) {
    int size = vectors * LANE_TOKENS * cols;
    float[] packed = PACKED.get();
    if (packed.length < size) {
      packed = new float[size];
      PACKED.set(packed);
    }
    for (int v = 0; v < vectors; v++) {
      int base = v * cols * LANE_TOKENS;
      for (int lane = 0; lane < LANE_TOKENS; lane++) {
        int token = v * LANE_TOKENS + lane;
        if (token < tokens) {
          int from = token * cols;
          for (int c = 0; c < cols; c++) {
            packed[base + c * LANE_TOKENS + lane] = x[from + c];
          }
        } else {
          for (int c = 0; c < cols; c++) {
            packed[base + c * LANE_TOKENS + lane] = 0f;
          }
        }
      }
    }
    return packed;
  }

  /**
   * Sums of {@code n} rows from {@code r0} against every packed token, into
   * {@code sums[i * stride + token]}: chunk by chunk of columns, the tile's rows are dequantized
   * (rows past {@code n} stay zero) and each six-row block meets each pair of token vectors.
   */
  private static void multiplyLaneTile(WeightMatrix w, int r0, int n, float[] packed, int vectors,
      float[] tile, float[] sums) {
    int cols = w.cols();
    int stride = vectors * LANE_TOKENS;
    int blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
    Arrays.fill(sums, 0, blocks * BLOCK_ROWS * stride, 0f);
    for (int c0 = 0; c0 < cols; c0 += CHUNK_COLS) {
      int chunk = Math.min(CHUNK_COLS, cols - c0);
      for (int i = 0; i < n; i++) {
        w.dequantizeRange(r0 + i, c0, chunk, tile, i * chunk);
      }
      Arrays.fill(tile, n * chunk, blocks * BLOCK_ROWS * chunk, 0f);
      int v = 0;
      for (; v + 2 <= vectors; v += 2) {
        int xa = (v * cols + c0) * LANE_TOKENS;
        int xb = xa + cols * LANE_TOKENS;
        for (int b = 0; b < blocks; b++) {
          block6x2(tile, b * BLOCK_ROWS * chunk, chunk, packed, xa, xb, sums,
              b * BLOCK_ROWS * stride + v * LANE_TOKENS, stride);
        }
      }
      if (v < vectors) {
        int xa = (v * cols + c0) * LANE_TOKENS;
        for (int b = 0; b < blocks; b++) {
          block6x1(tile, b * BLOCK_ROWS * chunk, chunk, packed, xa, sums,
              b * BLOCK_ROWS * stride + v * LANE_TOKENS, stride);
        }
      }
    }
  }

  /**
   * Six tile rows ({@code w0 + i * n}) by two token vectors ({@code xa}, {@code xb}, advancing
   * one vector per column), added to {@code sums[s0 + i * stride ..]}. Twelve named
   * accumulators: C2 keeps locals in registers, not arrays.
   */
  private static void block6x2(float[] tile, int w0, int n, float[] packed, int xa, int xb,
      float[] sums, int s0, int stride) {
    int lanes = LANE_TOKENS;
    FloatVector a0 = FloatVector.fromArray(F, sums, s0);
    FloatVector b0 = FloatVector.fromArray(F, sums, s0 + lanes);
    FloatVector a1 = FloatVector.fromArray(F, sums, s0 + stride);
    FloatVector b1 = FloatVector.fromArray(F, sums, s0 + stride + lanes);
    FloatVector a2 = FloatVector.fromArray(F, sums, s0 + 2 * stride);
    FloatVector b2 = FloatVector.fromArray(F, sums, s0 + 2 * stride + lanes);
    FloatVector a3 = FloatVector.fromArray(F, sums, s0 + 3 * stride);
    FloatVector b3 = FloatVector.fromArray(F, sums, s0 + 3 * stride + lanes);
    FloatVector a4 = FloatVector.fromArray(F, sums, s0 + 4 * stride);
    FloatVector b4 = FloatVector.fromArray(F, sums, s0 + 4 * stride + lanes);
    FloatVector a5 = FloatVector.fromArray(F, sums, s0 + 5 * stride);
    FloatVector b5 = FloatVector.fromArray(F, sums, s0 + 5 * stride + lanes);
    int w1 = w0 + n;
    int w2 = w1 + n;
    int w3 = w2 + n;
    int w4 = w3 + n;
    int w5 = w4 + n;
    for (int c = 0; c < n; c++) {
      FloatVector xva = FloatVector.fromArray(F, packed, xa + c * lanes);
      FloatVector xvb = FloatVector.fromArray(F, packed, xb + c * lanes);
      FloatVector r = FloatVector.broadcast(F, tile[w0 + c]);
      a0 = r.fma(xva, a0);
      b0 = r.fma(xvb, b0);
      r = FloatVector.broadcast(F, tile[w1 + c]);
      a1 = r.fma(xva, a1);
      b1 = r.fma(xvb, b1);
      r = FloatVector.broadcast(F, tile[w2 + c]);
      a2 = r.fma(xva, a2);
      b2 = r.fma(xvb, b2);
      r = FloatVector.broadcast(F, tile[w3 + c]);
      a3 = r.fma(xva, a3);
      b3 = r.fma(xvb, b3);
      r = FloatVector.broadcast(F, tile[w4 + c]);
      a4 = r.fma(xva, a4);
      b4 = r.fma(xvb, b4);
      r = FloatVector.broadcast(F, tile[w5 + c]);
      a5 = r.fma(xva, a5);
      b5 = r.fma(xvb, b5);
    }
    a0.intoArray(sums, s0);
    b0.intoArray(sums, s0 + lanes);
    a1.intoArray(sums, s0 + stride);
    b1.intoArray(sums, s0 + stride + lanes);
    a2.intoArray(sums, s0 + 2 * stride);
    b2.intoArray(sums, s0 + 2 * stride + lanes);
    a3.intoArray(sums, s0 + 3 * stride);
    b3.intoArray(sums, s0 + 3 * stride + lanes);
    a4.intoArray(sums, s0 + 4 * stride);
    b4.intoArray(sums, s0 + 4 * stride + lanes);
    a5.intoArray(sums, s0 + 5 * stride);
    b5.intoArray(sums, s0 + 5 * stride + lanes);
  }

  /** {@link #block6x2} for the last, odd token vector. */
  private static void block6x1(float[] tile, int w0, int n, float[] packed, int xa, float[] sums,
      int s0, int stride) {
    int lanes = LANE_TOKENS;
    FloatVector a0 = FloatVector.fromArray(F, sums, s0);
    FloatVector a1 = FloatVector.fromArray(F, sums, s0 + stride);
    FloatVector a2 = FloatVector.fromArray(F, sums, s0 + 2 * stride);
    FloatVector a3 = FloatVector.fromArray(F, sums, s0 + 3 * stride);
    FloatVector a4 = FloatVector.fromArray(F, sums, s0 + 4 * stride);
    FloatVector a5 = FloatVector.fromArray(F, sums, s0 + 5 * stride);
    int w1 = w0 + n;
    int w2 = w1 + n;
    int w3 = w2 + n;
    int w4 = w3 + n;
    int w5 = w4 + n;
    for (int c = 0; c < n; c++) {
      FloatVector xva = FloatVector.fromArray(F, packed, xa + c * lanes);
      a0 = FloatVector.broadcast(F, tile[w0 + c]).fma(xva, a0);
      a1 = FloatVector.broadcast(F, tile[w1 + c]).fma(xva, a1);
      a2 = FloatVector.broadcast(F, tile[w2 + c]).fma(xva, a2);
      a3 = FloatVector.broadcast(F, tile[w3 + c]).fma(xva, a3);
      a4 = FloatVector.broadcast(F, tile[w4 + c]).fma(xva, a4);
      a5 = FloatVector.broadcast(F, tile[w5 + c]).fma(xva, a5);
    }
    a0.intoArray(sums, s0);
    a1.intoArray(sums, s0 + stride);
    a2.intoArray(sums, s0 + 2 * stride);
    a3.intoArray(sums, s0 + 3 * stride);
    a4.intoArray(sums, s0 + 4 * stride);
    a5.intoArray(sums, s0 + 5 * stride);
  }

  /** {@code out[t * rows + r0 + i] = sums[i * stride + t]} for the real rows and tokens. */
  private static void scatter(float[] sums, int n, int stride, int tokens, float[] out, int rows,
      int r0) {
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < tokens; t++) {
        out[t * rows + r0 + i] = sums[i * stride + t];
      }
    }
  }
}
