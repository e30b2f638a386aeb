package dev.ward.guard.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The tiled, threaded matrix product against a plain double-precision loop. */
class MatMulTest {
  /** Float accumulation over a few hundred terms of magnitude ~1. */
  static final double RELATIVE_TOLERANCE = 1e-5;

  @ParameterizedTest(name = "{0} {1}x{2}, {3} tokens, {4} threads")
  @CsvSource({
      "F32, 37, 40, 1, 1", "F32, 37, 40, 5, 2", "Q8_0, 50, 96, 4, 2", "Q8_0, 50, 96, 9, 1",
      "Q4_K, 33, 512, 6, 2", "Q6_K, 17, 256, 3, 2", "BF16, 20, 48, 7, 2", "F16, 16, 20, 2, 2",
      // one token: the fused dot kernels
      "Q8_0, 50, 96, 1, 2", "Q4_0, 9, 64, 1, 2", "Q4_K, 33, 512, 1, 2", "Q5_K, 7, 256, 1, 1",
      "Q6_K, 17, 256, 1, 2", "F32, 37, 40, 1, 2", "F16, 16, 20, 1, 2", "BF16, 20, 48, 1, 1",
      // many tokens: the packed kernel, with odd token vectors, padded rows, partial chunks
      "Q8_0, 50, 96, 16, 2", "Q8_0, 61, 320, 35, 2", "Q4_0, 97, 64, 48, 2", "Q4_K, 33, 768, 17, 2",
      "Q5_K, 13, 512, 32, 1", "Q6_K, 53, 256, 40, 2", "F32, 37, 300, 20, 2", "F16, 16, 20, 33, 2",
      "BF16, 20, 48, 64, 2"})
  void agreesWithNaiveProduct(GgmlType type, int rows, int cols, int tokens, int threads) {
    Random random = new Random(rows * 31 + tokens);
    byte[] bytes = KernelsTest.randomBlocks(type, rows * cols, random);
    WeightMatrix w = WeightMatrix.of("w", type, rows, cols, MemorySegment.ofArray(bytes));
    float[] x = new float[tokens * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    float[] out = new float[tokens * rows];
    try (Parallel parallel = Parallel.create(threads)) {
      MatMul.multiply(w, x, tokens, out, parallel);
    }
    float[] row = new float[cols];
    for (int r = 0; r < rows; r++) {
      w.dequantizeRowReference(r, row, 0);
      for (int t = 0; t < tokens; t++) {
        double expected = 0;
        double magnitude = 0;
        for (int c = 0; c < cols; c++) {
          expected += (double) row[c] * x[t * cols + c];
          magnitude += Math.abs((double) row[c] * x[t * cols + c]);
        }
        assertThat((double) out[t * rows + r]).as("row %d token %d", r, t)
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(RELATIVE_TOLERANCE * magnitude + 1e-30));
      }
    }
  }

  /**
   * Every path adds in the same order, so a token's result does not depend on its batch. The
   * K-quant rows are long enough for the decode kernels to unpack their headers in more than
   * one group ({@link Kernels#HEADER_GROUP}), the last one short.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"Q8_0, 96", "Q4_0, 64", "Q4_K, 1536", "Q5_K, 1280", "Q6_K, 1280", "F32, 300", "F16, 20",
      "BF16, 48"})
  void batchSizeDoesNotChangeAnyBit(GgmlType type, int cols) {
    int rows = 37;
    Random random = new Random(cols);
    WeightMatrix w = WeightMatrix.of("w", type, rows, cols,
        MemorySegment.ofArray(KernelsTest.randomBlocks(type, rows * cols, random)));
    // Blocks of 6, 4, 4 and 1 (15 = 12 + 3 gives a block of six back): every register block.
    int tokens = 15;
    float[] x = new float[tokens * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    float[] batched = new float[tokens * rows];
    try (Parallel parallel = Parallel.create(2)) {
      MatMul.multiply(w, x, tokens, batched, parallel);
      for (int t = 0; t < tokens; t++) {
        float[] alone = new float[rows];
        MatMul.multiply(w, java.util.Arrays.copyOfRange(x, t * cols, (t + 1) * cols), 1, alone,
            parallel);
        for (int r = 0; r < rows; r++) {
          assertThat(Float.floatToRawIntBits(batched[t * rows + r])).as("row %d token %d", r, t)
              .isEqualTo(Float.floatToRawIntBits(alone[r]));
        }
      }
    }
  }

  /**
   * Matrices multiplied in one loop (a layer's q, k and v, of two types as in a Q4_K_M file) get
   * the bits each gets alone, decoding and in a batch.
   */
  @ParameterizedTest(name = "{0} tokens")
  @CsvSource({"1", "15"})
  void matricesInOneLoopGetTheBitsOfEachAlone(int tokens) {
    int cols = 256;
    Random random = new Random(tokens);
    WeightMatrix[] weights = {
        WeightMatrix.of("q", GgmlType.Q4_K, 37, cols,
            MemorySegment.ofArray(KernelsTest.randomBlocks(GgmlType.Q4_K, 37 * cols, random))),
        WeightMatrix.of("k", GgmlType.Q4_K, 9, cols,
            MemorySegment.ofArray(KernelsTest.randomBlocks(GgmlType.Q4_K, 9 * cols, random))),
        WeightMatrix.of("v", GgmlType.Q6_K, 9, cols,
            MemorySegment.ofArray(KernelsTest.randomBlocks(GgmlType.Q6_K, 9 * cols, random)))};
    float[] x = new float[tokens * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    float[][] together = new float[weights.length][];
    for (int m = 0; m < weights.length; m++) {
      together[m] = new float[tokens * weights[m].rows()];
    }
    try (Parallel parallel = Parallel.create(2)) {
      MatMul.multiply(weights, x, tokens, together, parallel, () -> false);
      for (int m = 0; m < weights.length; m++) {
        float[] alone = new float[tokens * weights[m].rows()];
        MatMul.multiply(weights[m], x, tokens, alone, parallel);
        for (int i = 0; i < alone.length; i++) {
          assertThat(Float.floatToRawIntBits(together[m][i])).as("%s value %d", weights[m], i)
              .isEqualTo(Float.floatToRawIntBits(alone[i]));
        }
      }
    }
  }

  @Test
  void matricesInOneLoopMustShareTheirWidth() {
    WeightMatrix narrow = WeightMatrix.of("gate", GgmlType.F32, 2, 8, MemorySegment.ofArray(new byte[64]));
    WeightMatrix wide = WeightMatrix.of("up", GgmlType.F32, 2, 16, MemorySegment.ofArray(new byte[128]));
    try (Parallel parallel = Parallel.create(1)) {
      assertThatThrownBy(() -> MatMul.multiply(new WeightMatrix[] {narrow, wide}, new float[16], 1,
          new float[][] {new float[2], new float[2]}, parallel, () -> false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not have the 8 columns of");
    }
  }

  @Test
  void aRemainderOfTwoOrThreeTokensGivesBackABlockOfSix() {
    assertThat(MatMul.tokensInBlocksOfSix(5)).isZero();
    assertThat(MatMul.tokensInBlocksOfSix(6)).isEqualTo(6);
    assertThat(MatMul.tokensInBlocksOfSix(7)).isEqualTo(6);
    assertThat(MatMul.tokensInBlocksOfSix(8)).isZero();
    assertThat(MatMul.tokensInBlocksOfSix(9)).isZero();
    assertThat(MatMul.tokensInBlocksOfSix(15)).isEqualTo(6);
    assertThat(MatMul.tokensInBlocksOfSix(68)).isEqualTo(60);
    assertThat(MatMul.tokensInBlocksOfSix(256)).isEqualTo(252);
  }

  @Test
  void rejectsMismatchedSizes() {
    assertThatThrownBy(() -> WeightMatrix.of("w", GgmlType.Q8_0, 2, 32, MemorySegment.ofArray(new byte[60])))
        .hasMessage("tensor 'w' holds 60 bytes; 2x32 Q8_0 needs 68");
    assertThatThrownBy(() -> WeightMatrix.of("w", GgmlType.Q4_K, 1, 32, MemorySegment.ofArray(new byte[144])))
        .hasMessageContaining("not a multiple of Q4_K's block size 256");
    assertThatThrownBy(() -> WeightMatrix.of("w", GgmlType.Q2_K, 1, 256, MemorySegment.ofArray(new byte[84])))
        .hasMessageContaining("type Q2_K, which Ward cannot compute with yet");
  }
}
