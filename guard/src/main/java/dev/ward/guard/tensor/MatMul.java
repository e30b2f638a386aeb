package dev.ward.guard.tensor;

/**
 * Multiplies activations by a weight matrix: {@code out[t][r] = dot(W[r], x[t])} for
 * {@code tokens} activation rows. Workers take tiles of weight rows; each tile is dequantized
 * once into a scratch buffer that stays in cache while every token's activations stream past it,
 * so the dequantization cost is shared by all tokens of a batch.
 */
public final class MatMul {
  private static final int TILE_ROWS = 16;

  private MatMul() {}

  /**
   * @param x activations, {@code tokens} rows of {@code w.cols()} floats
   * @param out results, {@code tokens} rows of {@code w.rows()} floats
   */
  public static void multiply(WeightMatrix w, float[] x, int tokens, float[] out, Parallel parallel) {
    int rows = w.rows();
    int cols = w.cols();
    if (x.length < (long) tokens * cols || out.length < (long) tokens * rows) {
      throw new IllegalArgumentException("buffers too small for " + tokens + " tokens x " + w);
    }
    int tiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
    int tasks = parallel.split(tiles, 1);
    parallel.forEach(tasks, task -> {
      int fromTile = (int) ((long) tiles * task / tasks);
      int toTile = (int) ((long) tiles * (task + 1) / tasks);
      float[] scratch = new float[TILE_ROWS * cols];
      for (int tile = fromTile; tile < toTile; tile++) {
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
}
