package dev.ward.guard.tensor;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Multiplies activations by a weight matrix: {@code out[t][r] = dot(W[r], x[t])} for
 * {@code tokens} activation rows, choosing the kernel by the number of tokens:
 *
 * <ul>
 *   <li>One token (decoding, and the logits row of a prefill): {@link RowKernel#dotRows}, each
 *       weight block read once and dequantized in registers into the dot product. Rows are split
 *       over the workers.
 *   <li>More: tiles of {@link #TILE_ROWS} weight rows are dequantized, {@link #CHUNK_COLS}
 *       columns at a time, into a scratch buffer that stays in the first-level cache while the
 *       tokens' activations stream past it, four rows by four tokens per register block (sixteen
 *       accumulators: each loaded vector feeds four multiply-adds). The accumulators are vectors
 *       of partial sums kept across chunks, so a chunk boundary changes nothing in the sums.
 * </ul>
 *
 * <p>Batch invariance: every path computes a dot product in the same order, that of
 * {@link RowKernel#dotRows} (lane {@code l} of one accumulator takes columns {@code l, l + L, ...}
 * in increasing order, on the values {@link RowKernel#dequantize} writes; then a fixed-order lane
 * sum, {@link Vectors#sum}; then the columns past the last whole vector). So a token's result is
 * the same bits whether it was computed alone, in a batch of 2 or of 128, with other sequences or
 * after a cached prefix: a classification that reuses a KV cache scores exactly as a cold one.
 *
 * <p>A {@code cancelled} condition is checked before each unit of work (a chunk of rows, a tile),
 * so that the workers stop within one unit once it turns true; the product is then incomplete,
 * and the caller must check the condition and abandon it.
 */
public final class MatMul {
  private static final VectorSpecies<Float> F = Kernels.F;
  private static final int LANES = F.length();
  /**
   * Weight rows per tile of the batched path: a multiple of the register block's four and of
   * the lanes, whose sums are taken {@link Vectors#sumEach a vector of rows at once}.
   */
  private static final int TILE_ROWS = 16;
  /** Columns dequantized at a time; a multiple of every block size and of the lanes. */
  private static final int CHUNK_COLS = 512;
  /**
   * Floats added to the row stride of the tile, of the packed activations and of the partial
   * sums. Rows a multiple of 4 KiB apart (a row of 1024 or 2048 floats, the sums of 64 or 256
   * tokens) fall in the same sets of the first-level cache and alias in the load-store unit:
   * ten such streams in one loop halved the kernel's speed, and a register block's loads of
   * sums waiting on the last block's stores to the same offsets cost 4 to 6% at 64 and 256
   * tokens.
   */
  private static final int SKEW = 16;
  private static final BooleanSupplier NEVER = () -> false;
  /**
   * Per-thread buffers reused across products (the workers are persistent), so that a forward
   * step does not leave a hundred megabytes of garbage for the collector to grow the heap by.
   */
  private static final ThreadLocal<float[]> PACKED = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[0]);

  private MatMul() {}

  /**
   * Throws {@link UnsupportedOperationException}, with what is missing, where this JVM's
   * vectors are too narrow for the kernels (see {@code Kernels.SUPPORTED}).
   */
  public static void requireSupportedVectors() {
    if (!Kernels.SUPPORTED) {
      throw new UnsupportedOperationException("in-process inference needs SIMD vectors of 256 or "
          + "512 bits (AVX2 or AVX-512); this JVM's are " + F.vectorBitSize() + " bits. Run "
          + "Llama Guard on an inference server instead (a remote guard)");
    }
  }

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
    multiply(new WeightMatrix[] {w}, x, tokens, new float[][] {out}, parallel, cancelled);
  }

  /**
   * Products of several matrices with the same activations in one parallel loop (the query, key
   * and value projections; the gate and up projections): {@code outs[m]} gets what
   * {@link #multiply(WeightMatrix, float[], int, float[], Parallel, BooleanSupplier)} of
   * {@code weights[m]} alone gives, bit for bit. A loop ends when its last task does, the other
   * workers idle meanwhile: one loop pays that once, where one per matrix paid it for each, the
   * small key and value matrices included.
   *
   * @param weights matrices with the same number of columns
   * @param outs a result buffer per matrix
   */
  public static void multiply(WeightMatrix[] weights, float[] x, int tokens, float[][] outs,
      Parallel parallel, BooleanSupplier cancelled) {
    int cols = weights[0].cols();
    if (outs.length != weights.length) {
      throw new IllegalArgumentException(weights.length + " matrices but " + outs.length + " outputs");
    }
    for (int m = 0; m < weights.length; m++) {
      WeightMatrix w = weights[m];
      if (w.cols() != cols) {
        throw new IllegalArgumentException(w + " does not have the " + cols + " columns of " + weights[0]);
      }
      if (tokens < 1 || x.length < (long) tokens * cols || outs[m].length < (long) tokens * w.rows()) {
        throw new IllegalArgumentException("buffers too small for " + tokens + " tokens x " + w);
      }
    }
    if (tokens == 1) {
      multiplyOne(weights, x, outs, parallel, cancelled);
    } else {
      multiplyBatch(weights, x, tokens, outs, parallel, cancelled);
    }
  }

  private static void multiplyOne(WeightMatrix[] weights, float[] x, float[][] outs,
      Parallel parallel, BooleanSupplier cancelled) {
    int[] firstTask = firstTasks(weights, w -> parallel.split(w.rows(), 8, 4));
    parallel.forEach(firstTask[weights.length], task -> {
      if (cancelled.getAsBoolean()) {
        return;
      }
      int m = matrixOf(task, firstTask);
      int tasks = firstTask[m + 1] - firstTask[m];
      int local = task - firstTask[m];
      int rows = weights[m].rows();
      weights[m].dotRows((int) ((long) rows * local / tasks),
          (int) ((long) rows * (local + 1) / tasks), x, outs[m]);
    });
  }

  private static void multiplyBatch(WeightMatrix[] weights, float[] activations, int tokens,
      float[][] outs, Parallel parallel, BooleanSupplier cancelled) {
    int cols = weights[0].cols();
    int xStride = cols + SKEW;
    float[] x = buffer(PACKED, tokens * xStride);
    for (int t = 0; t < tokens; t++) {
      System.arraycopy(activations, t * cols, x, t * xStride, cols);
    }
    float[] packed = x;
    // A tile of a prefill takes a few milliseconds: sixteen per worker keep one worker from
    // finishing its last alone for long (a quarter faster on two cores than four per worker).
    int[] firstTask = firstTasks(weights, w -> parallel.split(tiles(w), 1, 16));
    parallel.forEach(firstTask[weights.length], task -> {
      int m = matrixOf(task, firstTask);
      int tasks = firstTask[m + 1] - firstTask[m];
      int local = task - firstTask[m];
      WeightMatrix w = weights[m];
      int tiles = tiles(w);
      int fromTile = (int) ((long) tiles * local / tasks);
      int toTile = (int) ((long) tiles * (local + 1) / tasks);
      float[] tile = buffer(TILE, TILE_ROWS * (Math.min(CHUNK_COLS, cols) + SKEW));
      float[] sums = buffer(SUMS, TILE_ROWS * (tokens * LANES + SKEW));
      for (int t = fromTile; t < toTile && !cancelled.getAsBoolean(); t++) {
        int r0 = t * TILE_ROWS;
        multiplyTile(w, r0, Math.min(TILE_ROWS, w.rows() - r0), packed, xStride, tokens, tile,
            sums, outs[m]);
      }
    });
  }

  private static int tiles(WeightMatrix w) {
    return (w.rows() + TILE_ROWS - 1) / TILE_ROWS;
  }

  /** Where each matrix's tasks start in one loop over all, and their total at the end. */
  private static int[] firstTasks(WeightMatrix[] weights, ToIntFunction<WeightMatrix> tasks) {
    int[] first = new int[weights.length + 1];
    for (int m = 0; m < weights.length; m++) {
      first[m + 1] = first[m] + tasks.applyAsInt(weights[m]);
    }
    return first;
  }

  private static int matrixOf(int task, int[] firstTask) {
    int m = 0;
    while (task >= firstTask[m + 1]) {
      m++;
    }
    return m;
  }

  /** This thread's buffer of at least {@code size} floats, contents undefined. */
  private static float[] buffer(ThreadLocal<float[]> local, int size) {
    float[] buffer = local.get();
    if (buffer.length < size) {
      buffer = new float[size];
      local.set(buffer);
    }
    return buffer;
  }

  /**
   * Rows {@code r0 .. r0 + n} against every token into {@code out}. {@code sums} holds a vector
   * of partial sums per row and token ({@code i * (tokens * LANES + SKEW) + t * LANES}); rows of
   * the tile past {@code n}, up to the register block, are zeros whose sums are never read.
   */
  private static void multiplyTile(WeightMatrix w, int r0, int n, float[] x, int xStride,
      int tokens, float[] tile, float[] sums, float[] out) {
    int cols = w.cols();
    int padded = (n + 3) & ~3;
    int rowStride = tokens * LANES + SKEW;
    int sixes = tokensInBlocksOfSix(tokens);
    Arrays.fill(sums, 0, padded * rowStride, 0f);
    int chunk = 0;
    int stride = 0;
    int c0 = 0;
    for (; c0 < cols; c0 += CHUNK_COLS) {
      chunk = Math.min(CHUNK_COLS, cols - c0);
      stride = chunk + SKEW;
      w.dequantizeTile(r0, n, c0, chunk, tile, 0, stride);
      Arrays.fill(tile, n * stride, padded * stride, 0f);
      int vectorCols = chunk / LANES * LANES;
      int t = 0;
      for (; t < sixes; t += 6) {
        for (int i = 0; i < padded; i += 4) {
          block4x6(tile, i * stride, stride, vectorCols, x, t * xStride + c0, xStride, sums,
              i * rowStride + t * LANES, rowStride);
        }
      }
      for (; t + 4 <= tokens; t += 4) {
        for (int i = 0; i < padded; i += 4) {
          block4x4(tile, i * stride, stride, vectorCols, x, t * xStride + c0, xStride, sums,
              i * rowStride + t * LANES, rowStride);
        }
      }
      for (; t < tokens; t++) {
        for (int i = 0; i < padded; i += 4) {
          block4x1(tile, i * stride, stride, vectorCols, x, t * xStride + c0, sums,
              i * rowStride + t * LANES, rowStride);
        }
      }
    }
    int last = c0 - CHUNK_COLS;
    int tail = chunk / LANES * LANES;
    int rows = w.rows();
    for (int t = 0; t < tokens; t++) {
      for (int i = 0; i < n; i += LANES) {
        FloatVector rowSums = Vectors.sumEach(sums, i * rowStride + t * LANES, rowStride);
        if (i + LANES <= n) {
          // The masked store, even with every lane set, runs lane by lane in C2's code.
          rowSums.intoArray(out, t * rows + r0 + i);
        } else {
          rowSums.intoArray(out, t * rows + r0 + i, F.indexInRange(i, n));
        }
      }
      for (int i = 0; i < n; i++) {
        for (int c = tail; c < chunk; c++) {
          out[t * rows + r0 + i] += tile[i * stride + c] * x[t * xStride + last + c];
        }
      }
    }
  }

  /**
   * How many of {@code tokens} the six-token block takes (a multiple of six); the rest go four
   * at a time, then one at a time. One token at a time reloads the tile for every token and ran
   * at a third of the rate per token in a profile, so a remainder of two or three gives back a
   * block of six: 8 = 4 + 4, 9 = 4 + 4 + 1.
   */
  static int tokensInBlocksOfSix(int tokens) {
    int sixes = tokens / 6 * 6;
    int rest = tokens - sixes;
    return sixes >= 6 && (rest == 2 || rest == 3) ? sixes - 6 : sixes;
  }

  /**
   * Four tile rows ({@code w0 + i * wStride}) by four tokens ({@code x0 + t * xStride}) over
   * {@code n} columns, added to the vectors {@code sums[s0 + i * rowStride + t * LANES]}. The
   * sixteen accumulators stay named locals: gathered in an array, C2 no longer keeps them in
   * registers and the loop runs tens of times slower.
   */
  private static void block4x4(float[] w, int w0, int wStride, int n, float[] x, int x0,
      int xStride, float[] sums, int s0, int rowStride) {
    int s1 = s0 + rowStride;
    int s2 = s1 + rowStride;
    int s3 = s2 + rowStride;
    FloatVector a0 = FloatVector.fromArray(F, sums, s0);
    FloatVector a1 = FloatVector.fromArray(F, sums, s0 + LANES);
    FloatVector a2 = FloatVector.fromArray(F, sums, s0 + 2 * LANES);
    FloatVector a3 = FloatVector.fromArray(F, sums, s0 + 3 * LANES);
    FloatVector b0 = FloatVector.fromArray(F, sums, s1);
    FloatVector b1 = FloatVector.fromArray(F, sums, s1 + LANES);
    FloatVector b2 = FloatVector.fromArray(F, sums, s1 + 2 * LANES);
    FloatVector b3 = FloatVector.fromArray(F, sums, s1 + 3 * LANES);
    FloatVector c0 = FloatVector.fromArray(F, sums, s2);
    FloatVector c1 = FloatVector.fromArray(F, sums, s2 + LANES);
    FloatVector c2 = FloatVector.fromArray(F, sums, s2 + 2 * LANES);
    FloatVector c3 = FloatVector.fromArray(F, sums, s2 + 3 * LANES);
    FloatVector d0 = FloatVector.fromArray(F, sums, s3);
    FloatVector d1 = FloatVector.fromArray(F, sums, s3 + LANES);
    FloatVector d2 = FloatVector.fromArray(F, sums, s3 + 2 * LANES);
    FloatVector d3 = FloatVector.fromArray(F, sums, s3 + 3 * LANES);
    int w1 = w0 + wStride;
    int w2 = w1 + wStride;
    int w3 = w2 + wStride;
    int x1 = x0 + xStride;
    int x2 = x1 + xStride;
    int x3 = x2 + xStride;
    for (int c = 0; c < n; c += LANES) {
      FloatVector v0 = FloatVector.fromArray(F, x, x0 + c);
      FloatVector v1 = FloatVector.fromArray(F, x, x1 + c);
      FloatVector v2 = FloatVector.fromArray(F, x, x2 + c);
      FloatVector v3 = FloatVector.fromArray(F, x, x3 + c);
      FloatVector r = FloatVector.fromArray(F, w, w0 + c);
      a0 = r.fma(v0, a0);
      a1 = r.fma(v1, a1);
      a2 = r.fma(v2, a2);
      a3 = r.fma(v3, a3);
      r = FloatVector.fromArray(F, w, w1 + c);
      b0 = r.fma(v0, b0);
      b1 = r.fma(v1, b1);
      b2 = r.fma(v2, b2);
      b3 = r.fma(v3, b3);
      r = FloatVector.fromArray(F, w, w2 + c);
      c0 = r.fma(v0, c0);
      c1 = r.fma(v1, c1);
      c2 = r.fma(v2, c2);
      c3 = r.fma(v3, c3);
      r = FloatVector.fromArray(F, w, w3 + c);
      d0 = r.fma(v0, d0);
      d1 = r.fma(v1, d1);
      d2 = r.fma(v2, d2);
      d3 = r.fma(v3, d3);
    }
    a0.intoArray(sums, s0);
    a1.intoArray(sums, s0 + LANES);
    a2.intoArray(sums, s0 + 2 * LANES);
    a3.intoArray(sums, s0 + 3 * LANES);
    b0.intoArray(sums, s1);
    b1.intoArray(sums, s1 + LANES);
    b2.intoArray(sums, s1 + 2 * LANES);
    b3.intoArray(sums, s1 + 3 * LANES);
    c0.intoArray(sums, s2);
    c1.intoArray(sums, s2 + LANES);
    c2.intoArray(sums, s2 + 2 * LANES);
    c3.intoArray(sums, s2 + 3 * LANES);
    d0.intoArray(sums, s3);
    d1.intoArray(sums, s3 + LANES);
    d2.intoArray(sums, s3 + 2 * LANES);
    d3.intoArray(sums, s3 + 3 * LANES);
  }

  /**
   * {@link #block4x4} for six tokens: 24 accumulators, and per column step four weight loads and
   * six activation loads for 24 multiply-adds. Loads matter: a float array is only 8-byte
   * aligned, so most 64-byte loads straddle two cache lines and cost two load slots.
   */
  private static void block4x6(float[] w, int w0, int wStride, int n, float[] x, int x0,
      int xStride, float[] sums, int s0, int rowStride) {
    int s1 = s0 + rowStride;
    int s2 = s1 + rowStride;
    int s3 = s2 + rowStride;
    FloatVector a0 = FloatVector.fromArray(F, sums, s0);
    FloatVector a1 = FloatVector.fromArray(F, sums, s0 + LANES);
    FloatVector a2 = FloatVector.fromArray(F, sums, s0 + 2 * LANES);
    FloatVector a3 = FloatVector.fromArray(F, sums, s0 + 3 * LANES);
    FloatVector a4 = FloatVector.fromArray(F, sums, s0 + 4 * LANES);
    FloatVector a5 = FloatVector.fromArray(F, sums, s0 + 5 * LANES);
    FloatVector b0 = FloatVector.fromArray(F, sums, s1);
    FloatVector b1 = FloatVector.fromArray(F, sums, s1 + LANES);
    FloatVector b2 = FloatVector.fromArray(F, sums, s1 + 2 * LANES);
    FloatVector b3 = FloatVector.fromArray(F, sums, s1 + 3 * LANES);
    FloatVector b4 = FloatVector.fromArray(F, sums, s1 + 4 * LANES);
    FloatVector b5 = FloatVector.fromArray(F, sums, s1 + 5 * LANES);
    FloatVector c0 = FloatVector.fromArray(F, sums, s2);
    FloatVector c1 = FloatVector.fromArray(F, sums, s2 + LANES);
    FloatVector c2 = FloatVector.fromArray(F, sums, s2 + 2 * LANES);
    FloatVector c3 = FloatVector.fromArray(F, sums, s2 + 3 * LANES);
    FloatVector c4 = FloatVector.fromArray(F, sums, s2 + 4 * LANES);
    FloatVector c5 = FloatVector.fromArray(F, sums, s2 + 5 * LANES);
    FloatVector d0 = FloatVector.fromArray(F, sums, s3);
    FloatVector d1 = FloatVector.fromArray(F, sums, s3 + LANES);
    FloatVector d2 = FloatVector.fromArray(F, sums, s3 + 2 * LANES);
    FloatVector d3 = FloatVector.fromArray(F, sums, s3 + 3 * LANES);
    FloatVector d4 = FloatVector.fromArray(F, sums, s3 + 4 * LANES);
    FloatVector d5 = FloatVector.fromArray(F, sums, s3 + 5 * LANES);
    int w1 = w0 + wStride;
    int w2 = w1 + wStride;
    int w3 = w2 + wStride;
    int x1 = x0 + xStride;
    int x2 = x1 + xStride;
    int x3 = x2 + xStride;
    int x4 = x3 + xStride;
    int x5 = x4 + xStride;
    for (int c = 0; c < n; c += LANES) {
      FloatVector r0 = FloatVector.fromArray(F, w, w0 + c);
      FloatVector r1 = FloatVector.fromArray(F, w, w1 + c);
      FloatVector r2 = FloatVector.fromArray(F, w, w2 + c);
      FloatVector r3 = FloatVector.fromArray(F, w, w3 + c);
      FloatVector v = FloatVector.fromArray(F, x, x0 + c);
      a0 = r0.fma(v, a0);
      b0 = r1.fma(v, b0);
      c0 = r2.fma(v, c0);
      d0 = r3.fma(v, d0);
      v = FloatVector.fromArray(F, x, x1 + c);
      a1 = r0.fma(v, a1);
      b1 = r1.fma(v, b1);
      c1 = r2.fma(v, c1);
      d1 = r3.fma(v, d1);
      v = FloatVector.fromArray(F, x, x2 + c);
      a2 = r0.fma(v, a2);
      b2 = r1.fma(v, b2);
      c2 = r2.fma(v, c2);
      d2 = r3.fma(v, d2);
      v = FloatVector.fromArray(F, x, x3 + c);
      a3 = r0.fma(v, a3);
      b3 = r1.fma(v, b3);
      c3 = r2.fma(v, c3);
      d3 = r3.fma(v, d3);
      v = FloatVector.fromArray(F, x, x4 + c);
      a4 = r0.fma(v, a4);
      b4 = r1.fma(v, b4);
      c4 = r2.fma(v, c4);
      d4 = r3.fma(v, d4);
      v = FloatVector.fromArray(F, x, x5 + c);
      a5 = r0.fma(v, a5);
      b5 = r1.fma(v, b5);
      c5 = r2.fma(v, c5);
      d5 = r3.fma(v, d5);
    }
    a0.intoArray(sums, s0);
    a1.intoArray(sums, s0 + LANES);
    a2.intoArray(sums, s0 + 2 * LANES);
    a3.intoArray(sums, s0 + 3 * LANES);
    a4.intoArray(sums, s0 + 4 * LANES);
    a5.intoArray(sums, s0 + 5 * LANES);
    b0.intoArray(sums, s1);
    b1.intoArray(sums, s1 + LANES);
    b2.intoArray(sums, s1 + 2 * LANES);
    b3.intoArray(sums, s1 + 3 * LANES);
    b4.intoArray(sums, s1 + 4 * LANES);
    b5.intoArray(sums, s1 + 5 * LANES);
    c0.intoArray(sums, s2);
    c1.intoArray(sums, s2 + LANES);
    c2.intoArray(sums, s2 + 2 * LANES);
    c3.intoArray(sums, s2 + 3 * LANES);
    c4.intoArray(sums, s2 + 4 * LANES);
    c5.intoArray(sums, s2 + 5 * LANES);
    d0.intoArray(sums, s3);
    d1.intoArray(sums, s3 + LANES);
    d2.intoArray(sums, s3 + 2 * LANES);
    d3.intoArray(sums, s3 + 3 * LANES);
    d4.intoArray(sums, s3 + 4 * LANES);
    d5.intoArray(sums, s3 + 5 * LANES);
  }

  /** {@link #block4x4} for a single token. */
  private static void block4x1(float[] w, int w0, int wStride, int n, float[] x, int x0,
      float[] sums, int s0, int rowStride) {
    FloatVector a = FloatVector.fromArray(F, sums, s0);
    FloatVector b = FloatVector.fromArray(F, sums, s0 + rowStride);
    FloatVector c = FloatVector.fromArray(F, sums, s0 + 2 * rowStride);
    FloatVector d = FloatVector.fromArray(F, sums, s0 + 3 * rowStride);
    for (int i = 0; i < n; i += LANES) {
      FloatVector v = FloatVector.fromArray(F, x, x0 + i);
      a = FloatVector.fromArray(F, w, w0 + i).fma(v, a);
      b = FloatVector.fromArray(F, w, w0 + wStride + i).fma(v, b);
      c = FloatVector.fromArray(F, w, w0 + 2 * wStride + i).fma(v, c);
      d = FloatVector.fromArray(F, w, w0 + 3 * wStride + i).fma(v, d);
    }
    a.intoArray(sums, s0);
    b.intoArray(sums, s0 + rowStride);
    c.intoArray(sums, s0 + 2 * rowStride);
    d.intoArray(sums, s0 + 3 * rowStride);
  }
}
