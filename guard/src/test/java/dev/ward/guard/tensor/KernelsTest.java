package dev.ward.guard.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every SIMD kernel against its scalar twin, and the block layouts pinned with hand-made blocks
 * whose values are worked out by hand.
 */
class KernelsTest {
  /**
   * The SIMD and scalar versions do the same float operations in the same order, so they must
   * agree bit for bit.
   */
  static final float SIMD_VS_SCALAR_TOLERANCE = 0f;

  @Test
  void blockLayoutsMatchGgml() {
    assertThat(GgmlType.Q8_0.blockBytes()).isEqualTo(2 + 32);
    assertThat(GgmlType.Q4_0.blockBytes()).isEqualTo(2 + 16);
    assertThat(GgmlType.Q4_K.blockBytes()).isEqualTo(2 + 2 + 12 + 128);
    assertThat(GgmlType.Q5_K.blockBytes()).isEqualTo(2 + 2 + 12 + 32 + 128);
    assertThat(GgmlType.Q6_K.blockBytes()).isEqualTo(128 + 64 + 16 + 2);
    assertThat(GgmlType.Q4_K.blockSize()).isEqualTo(256);
    assertThat(GgmlType.byId(30)).contains(GgmlType.BF16);
    assertThat(GgmlType.byId(4)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void simdMatchesScalarTwin(GgmlType type) {
    RowKernel kernel = Kernels.forType(type).orElseThrow();
    Random random = new Random(type.ordinal());
    for (int blocks : new int[] {1, 2, 7}) {
      int n = blocks * Math.max(type.blockSize(), 32);
      MemorySegment data = MemorySegment.ofArray(randomBlocks(type, n, random));
      float[] simd = new float[n + 3];
      float[] scalar = new float[n + 3];
      kernel.dequantize(data, 0, 0, 1, n, simd, 3, 0);
      kernel.dequantizeReference(data, 0, scalar, 3, n);
      for (int i = 0; i < simd.length; i++) {
        assertThat(Math.abs(simd[i] - scalar[i])).as("%s value %d of %d", type, i, n)
            .isLessThanOrEqualTo(SIMD_VS_SCALAR_TOLERANCE);
      }
      assertThat(simd[0]).isZero();
      for (float v : scalar) {
        assertThat(Float.isFinite(v)).as("%s values are finite", type).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void aTileOfRowsIsEachRowAtItsStride(GgmlType type) {
    RowKernel kernel = Kernels.forType(type).orElseThrow();
    int n = 2 * Math.max(type.blockSize(), 32);
    int rows = 3;
    int stride = n + 5;
    long rowBytes = type.bytesFor(n);
    MemorySegment data = MemorySegment.ofArray(randomBlocks(type, rows * n, new Random(7)));
    float[] tile = new float[2 + rows * stride];
    kernel.dequantize(data, 0, rowBytes, rows, n, tile, 2, stride);
    for (int r = 0; r < rows; r++) {
      float[] row = new float[n];
      kernel.dequantizeReference(data, r * rowBytes, row, 0, n);
      for (int i = 0; i < n; i++) {
        assertThat(tile[2 + r * stride + i]).as("%s row %d value %d", type, r, i).isEqualTo(row[i]);
      }
      if (r + 1 < rows) {
        assertThat(tile[2 + r * stride + n]).as("%s gap after row %d", type, r).isZero();
      }
    }
  }

  /**
   * The fused dot products add in another order than the reference's plain loop: within this
   * many float roundings of the sum of the terms' magnitudes.
   */
  static final double DOT_RELATIVE_TOLERANCE = 1e-5;

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void fusedDotMatchesDequantizeThenDot(GgmlType type) {
    RowKernel kernel = Kernels.forType(type).orElseThrow();
    Random random = new Random(31 + type.ordinal());
    for (int blocks : new int[] {1, 2, 7}) {
      int n = blocks * Math.max(type.blockSize(), 32) + (type.blockSize() == 1 ? 5 : 0);
      MemorySegment data = MemorySegment.ofArray(randomBlocks(type, n, random));
      float[] x = new float[n];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextFloat() * 2 - 1;
      }
      float[] values = new float[n];
      kernel.dequantizeReference(data, 0, values, 0, n);
      double magnitude = 0;
      for (int i = 0; i < n; i++) {
        magnitude += Math.abs((double) values[i] * x[i]);
      }
      float[] fused = new float[1];
      kernel.dotRows(data, type.bytesFor(n), n, 0, 1, x, fused);
      float reference = kernel.dotReference(data, 0, x, 0, n);
      assertThat((double) fused[0]).as("%s over %d values", type, n)
          .isCloseTo(reference, org.assertj.core.data.Offset.offset(DOT_RELATIVE_TOLERANCE * magnitude));
    }
  }

  /**
   * The decode loop takes rows in pairs (one from each half of the range, the middle row of an
   * odd range with itself): a row gets the same bits whatever range, and so whatever partner,
   * it is computed in.
   */
  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void dotRowsGivesARowTheSameBitsInEveryRange(GgmlType type) {
    RowKernel kernel = Kernels.forType(type).orElseThrow();
    Random random = new Random(57 + type.ordinal());
    int n = 3 * Math.max(type.blockSize(), 32);
    long rowBytes = type.bytesFor(n);
    int rows = 7;
    MemorySegment data = MemorySegment.ofArray(randomBlocks(type, rows * n, random));
    float[] x = new float[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    float[] alone = new float[rows];
    for (int r = 0; r < rows; r++) {
      kernel.dotRows(data, rowBytes, n, r, r + 1, x, alone);
    }
    for (int[] range : new int[][] {{0, 7}, {1, 7}, {2, 5}, {3, 5}}) {
      float[] out = new float[rows];
      kernel.dotRows(data, rowBytes, n, range[0], range[1], x, out);
      for (int r = 0; r < rows; r++) {
        boolean inRange = r >= range[0] && r < range[1];
        assertThat(Float.floatToRawIntBits(out[r]))
            .as("%s row %d of %d..%d", type, r, range[0], range[1])
            .isEqualTo(inRange ? Float.floatToRawIntBits(alone[r]) : 0);
      }
    }
  }

  /** The scalar lane sum adds in the vector sum's order: the same bits. */
  @Test
  void scalarLaneSumIsTheVectorSumBitForBit() {
    Random random = new Random(11);
    int lanes = Kernels.F.length();
    for (int trial = 0; trial < 1000; trial++) {
      float[] v = new float[lanes];
      for (int i = 0; i < lanes; i++) {
        v[i] = (random.nextFloat() - 0.5f) * (float) Math.pow(10, random.nextInt(12) - 6);
      }
      float vector = Vectors.sum(FloatVector.fromArray(Kernels.F, v, 0));
      assertThat(Float.floatToRawIntBits(Vectors.sum(v, 0)))
          .isEqualTo(Float.floatToRawIntBits(vector));
    }
  }

  /**
   * The decode kernels' vector unpacking of a Q4_K / Q5_K header gives the reference's floats,
   * the offsets negated.
   */
  @Test
  void unpackedScalesAreTheReferenceScales() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      ByteBuffer header = le(16);
      header.putShort(Float.floatToFloat16(random.nextFloat() * 2 - 1));
      header.putShort(Float.floatToFloat16(random.nextFloat()));
      for (int i = 0; i < 12; i++) {
        header.put((byte) random.nextInt());
      }
      MemorySegment block = MemorySegment.ofArray(header.array());
      float[] multipliers = new float[8];
      float[] offsets = new float[8];
      Kernels.subBlockScales(block, 0, multipliers, offsets);
      float[] unpacked = new float[20];
      Kernels.unpackScales(block, 0, unpacked, 4);
      for (int j = 0; j < 8; j++) {
        assertThat(unpacked[4 + j]).as("multiplier %d", j).isEqualTo(multipliers[j]);
        assertThat(unpacked[12 + j]).as("offset %d", j).isEqualTo(-offsets[j]);
      }
    }
  }

  @Test
  void f16ConvertsEveryBitPatternAsTheJdkDoes() {
    ByteBuffer all = le(2 * 65536);
    for (int bits = 0; bits < 65536; bits++) {
      all.putShort((short) bits);
    }
    float[] out = dequantize(GgmlType.F16, all);
    for (int bits = 0; bits < 65536; bits++) {
      float expected = Float.float16ToFloat((short) bits);
      if (Float.isNaN(expected)) {
        // Whether a signaling NaN comes out quieted depends on JIT or interpreter.
        assertThat(out[bits]).as("half 0x%04x", bits).isNaN();
      } else {
        assertThat(Float.floatToRawIntBits(out[bits])).as("half 0x%04x", bits)
            .isEqualTo(Float.floatToRawIntBits(expected));
      }
    }
  }

  @Test
  void q8_0IsScaleTimesSignedByte() {
    ByteBuffer block = le(34).putShort(Float.floatToFloat16(0.5f));
    for (int j = 0; j < 32; j++) {
      block.put((byte) (j * 8 - 128));
    }
    float[] out = dequantize(GgmlType.Q8_0, block);
    for (int j = 0; j < 32; j++) {
      assertThat(out[j]).isEqualTo(0.5f * (j * 8 - 128));
    }
  }

  @Test
  void q4_0PutsLowNibblesFirst() {
    ByteBuffer block = le(18).putShort(Float.floatToFloat16(2f));
    for (int j = 0; j < 16; j++) {
      block.put((byte) (j | ((15 - j) << 4)));
    }
    float[] out = dequantize(GgmlType.Q4_0, block);
    for (int j = 0; j < 16; j++) {
      assertThat(out[j]).as("low %d", j).isEqualTo(2f * (j - 8));
      assertThat(out[j + 16]).as("high %d", j).isEqualTo(2f * (15 - j - 8));
    }
  }

  @Test
  void q4_kUnpacksSixBitScalesAndMins() {
    // Sub-block j gets scale 40 + j and min 20 + j: above 15, so the two high bits of each
    // land in the top bits of bytes 0-7, where the packing is easy to get wrong.
    int[] sc = new int[8];
    int[] m = new int[8];
    for (int j = 0; j < 8; j++) {
      sc[j] = 40 + j;
      m[j] = 20 + j;
    }
    byte[] scales = packK4(sc, m);
    ByteBuffer block = le(144).putShort(Float.floatToFloat16(0.25f))
        .putShort(Float.floatToFloat16(0.5f)).put(scales);
    for (int c = 0; c < 4; c++) {
      for (int l = 0; l < 32; l++) {
        block.put((byte) (((l % 16) & 0xF) | ((15 - l % 16) << 4)));
      }
    }
    float[] out = dequantize(GgmlType.Q4_K, block);
    for (int c = 0; c < 4; c++) {
      for (int l = 0; l < 32; l++) {
        float lo = 0.25f * sc[2 * c] * (l % 16) - 0.5f * m[2 * c];
        float hi = 0.25f * sc[2 * c + 1] * (15 - l % 16) - 0.5f * m[2 * c + 1];
        assertThat(out[c * 64 + l]).as("chunk %d low %d", c, l).isEqualTo(lo);
        assertThat(out[c * 64 + 32 + l]).as("chunk %d high %d", c, l).isEqualTo(hi);
      }
    }
  }

  @Test
  void q6_kCombinesFourBitsAndTwoBitsPerGroupScale() {
    ByteBuffer block = le(210);
    // ql: low nibble 5, high nibble 10; qh: bit pairs 0b11, 0b10, 0b01, 0b00 for the four quarters.
    for (int i = 0; i < 128; i++) {
      block.put((byte) (5 | (10 << 4)));
    }
    for (int i = 0; i < 64; i++) {
      block.put((byte) 0b00_01_10_11);
    }
    for (int g = 0; g < 16; g++) {
      block.put((byte) (g - 8));
    }
    block.putShort(Float.floatToFloat16(0.125f));
    float[] out = dequantize(GgmlType.Q6_K, block);
    int[] quarter = {(5 | (3 << 4)) - 32, (5 | (2 << 4)) - 32, (10 | (1 << 4)) - 32, 10 - 32};
    for (int i = 0; i < 256; i++) {
      int half = i / 128;
      int k = (i % 128) / 32;
      int l = i % 32;
      int group = half * 8 + l / 16 + 2 * k;
      assertThat(out[i]).as("value %d", i).isEqualTo(0.125f * (group - 8) * quarter[k]);
    }
  }

  @Test
  void bf16IsTheUpperHalfOfAFloat() {
    ByteBuffer data = le(2 * 32);
    for (int i = 0; i < 32; i++) {
      data.putShort((short) (Float.floatToIntBits(i - 15.5f) >>> 16));
    }
    float[] out = dequantize(GgmlType.BF16, data);
    for (int i = 0; i < 32; i++) {
      assertThat(out[i]).isEqualTo(i - 15.5f);
    }
  }

  /** Random bytes, with the f16 scales replaced by small finite values. */
  static byte[] randomBlocks(GgmlType type, int n, Random random) {
    byte[] bytes = new byte[(int) type.bytesFor(n)];
    random.nextBytes(bytes);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int blocks = n / type.blockSize();
    for (int i = 0; i < blocks; i++) {
      int at = i * type.blockBytes();
      switch (type) {
        case F16 -> b.putShort(at, Float.floatToFloat16(random.nextFloat() * 4 - 2));
        case BF16 -> b.putShort(at, (short) (Float.floatToIntBits(random.nextFloat() * 4 - 2) >>> 16));
        case F32 -> b.putFloat(at, random.nextFloat() * 4 - 2);
        case Q8_0, Q4_0 -> b.putShort(at, Float.floatToFloat16(random.nextFloat() / 16));
        case Q4_K, Q5_K -> {
          b.putShort(at, Float.floatToFloat16(random.nextFloat() / 64));
          b.putShort(at + 2, Float.floatToFloat16(random.nextFloat() / 64));
        }
        case Q6_K -> b.putShort(at + 208, Float.floatToFloat16(random.nextFloat() / 64));
        default -> throw new AssertionError(type);
      }
    }
    return bytes;
  }

  private static float[] dequantize(GgmlType type, ByteBuffer data) {
    MemorySegment segment = MemorySegment.ofArray(data.array());
    int n = data.capacity() / type.blockBytes() * type.blockSize();
    float[] simd = new float[n];
    float[] scalar = new float[n];
    Kernels.forType(type).orElseThrow().dequantize(segment, 0, 0, 1, n, simd, 0, 0);
    Kernels.forType(type).orElseThrow().dequantizeReference(segment, 0, scalar, 0, n);
    assertThat(simd).containsExactly(scalar);
    return simd;
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Packs eight 6-bit scales and mins the way Q4_K and Q5_K store them. */
  static byte[] packK4(int[] sc, int[] m) {
    byte[] q = new byte[12];
    for (int j = 0; j < 8; j++) {
      if (j < 4) {
        q[j] |= (byte) (sc[j] & 63);
        q[j + 4] |= (byte) (m[j] & 63);
      } else {
        q[j + 4] |= (byte) ((sc[j] & 0xF) | ((m[j] & 0xF) << 4));
        q[j - 4] |= (byte) ((sc[j] >> 4) << 6);
        q[j] |= (byte) ((m[j] >> 4) << 6);
      }
    }
    return q;
  }
}
