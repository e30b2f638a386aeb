package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Optional;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel for each supported type, and what the kernels share: species and layouts.
 *
 * <p>The larger decode loops (Q4_K, Q6_K) call the Vector API directly rather than through
 * helpers of ours. Once a compilation has created {@code NodeCountInliningCutoff} (18000)
 * nodes, C2 stops inlining ordinary methods, and the Vector API's layers of inlined calls reach
 * that within a loop or two; its own methods, marked to be inlined whatever the count, are then
 * inlined later, but a helper of ours is left a call and its vector an allocated object, several
 * times slower. Which helper lost out varied from run to run with the order of compilation.
 * For the same reason the JVM flags Ward runs with ({@code ward.jvm.flags} in the build, the
 * {@code ward} script) keep every kernel's {@code dequantize} out of its callers' compilations
 * ({@code -XX:CompileCommand=dontinline}): inlined into the tile product, it took that past the
 * cutoff, and prefill ran at 45 tokens/s in one run and 70 in the next.
 */
final class Kernels {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  /**
   * Whether the kernels can run here: float vectors of 8 or 16 lanes (AVX2, AVX-512, 256- or
   * 512-bit SVE), which the K-quants' 16-value groups divide and whose lane count a byte vector
   * can match. Where not (128-bit SSE or NEON), models refuse to load
   * ({@link MatMul#requireSupportedVectors}) and the species below are placeholders.
   */
  static final boolean SUPPORTED = F.length() == 8 || F.length() == 16;
  /** Bytes with as many lanes as {@link #F}, so one byte load widens into one float vector. */
  static final VectorSpecies<Byte> B = SUPPORTED
      ? ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(F.length() * Byte.SIZE))
      : ByteVector.SPECIES_64;
  /** Ints with as many lanes as {@link #F}: the same shape. */
  static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.withShape(F.vectorShape());
  /** Shorts with as many lanes as {@link #F}. */
  static final VectorSpecies<Short> S = SUPPORTED
      ? ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(F.length() * Short.SIZE))
      : ShortVector.SPECIES_128;
  static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
  static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
  static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
  static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);

  /**
   * Super-blocks whose headers the K-quant decode kernels unpack in one pass before their dot
   * products ({@link #unpackScales(MemorySegment, int, int, int, int, float[])}); a pair's
   * accumulators wait in memory between such groups (the same additions in the same order). A
   * pass over a whole row's headers reads a few bytes a super-block apart, ahead of the hardware
   * prefetcher, and waits out a memory latency on nearly every cache line; four super-blocks at a
   * time stay within what the prefetcher fetches for the dot products' sequential reads. From
   * memory, Q4_K decoded 12 to 17% faster and Q6_K 20%; from cache, the extra passes cost 1 to 3%.
   */
  static final int HEADER_GROUP = 4;

  private static final RowKernel[] BY_TYPE = new RowKernel[GgmlType.values().length];

  static {
    for (RowKernel kernel : new RowKernel[] {new F32Kernel(), new F16Kernel(), new BF16Kernel(),
        new Q8_0Kernel(), new Q4_0Kernel(), new Q4KKernel(), new Q5KKernel(), new Q6KKernel()}) {
      BY_TYPE[kernel.type().ordinal()] = kernel;
    }
  }

  private Kernels() {}

  static Optional<RowKernel> forType(GgmlType type) {
    return Optional.ofNullable(BY_TYPE[type.ordinal()]);
  }

  static float f16(MemorySegment src, long at) {
    return Float.float16ToFloat(src.get(SHORT_LE, at));
  }

  /**
   * The eight sub-block multipliers ({@code d * scale}) and offsets ({@code dmin * min}) of a
   * Q4_K or Q5_K super-block, whose header is {@code f16 d | f16 dmin | u8 scales[12]}.
   */
  static void subBlockScales(MemorySegment src, long block, float[] multipliers, float[] offsets) {
    float d = f16(src, block);
    float dmin = f16(src, block + 2);
    long low = src.get(LONG_LE, block + 4);
    int high = src.get(INT_LE, block + 12);
    for (int j = 0; j < 8; j++) {
      multipliers[j] = d * scaleK4(low, high, j);
      offsets[j] = dmin * minK4(low, high, j);
    }
  }

  /**
   * {@link #subBlockScales} for the SIMD paths (decode and tile dequantization), to the same
   * floats: the multipliers of the super-block at {@code block} into {@code out[at .. at + 8)},
   * its offsets negated into {@code out[at + 8 .. at + 16)}: they are the addends of the
   * kernels' fused multiply-adds, and negating them at each use cost the decode loop an
   * instruction per use. The twelve packed bytes are rearranged, shifted and masked on the int
   * lanes of one 128-bit vector (the constants below), then widened and multiplied a vector at a
   * time: extracting and converting the fields one by one cost the decode kernels more than the
   * arithmetic on the values.
   */
  static void unpackScales(MemorySegment src, long block, float[] out, int at) {
    int halves = src.get(INT_LE, block);
    IntVector header = IntVector.fromMemorySegment(HEADER, src, block, LE);
    ByteVector fields = header.rearrange(FIELD_BYTES).lanewise(VectorOperators.LSHR, FIELD_SHIFTS)
        .and(FIELD_MASKS)
        .or(header.rearrange(TOP_BITS).lanewise(VectorOperators.LSHR, 2).and(TOP_BITS_MASK))
        .reinterpretAsBytes();
    FloatVector multipliers = FloatVector.broadcast(F, Float.float16ToFloat((short) halves));
    FloatVector offsets = FloatVector.broadcast(F, -Float.float16ToFloat((short) (halves >>> 16)));
    for (int part = 0; part < 16 / F.length(); part++) {
      // The conversion written out, not Vectors.toFloats: the decode kernels inline this method,
      // and a helper past their compilation's inlining budget is left a call (see above).
      ((FloatVector) fields.convertShape(VectorOperators.ZERO_EXTEND_B2I, I, part)
          .convert(VectorOperators.I2F, 0))
          .mul(multipliers.blend(offsets, OFFSET_LANES[part]))
          .intoArray(out, at + part * F.length());
    }
  }

  /*
   * The 12 scale bytes of a K-quant header, as ints h1, h2, h3 after the halves h0: the low six
   * bits of h1's bytes are scales 0-3, of h2's mins 0-3; h3's low nibbles are the low bits of
   * scales 4-7, its high nibbles those of mins 4-7, whose top two bits are the top two bits of
   * h1's (scales) and h2's (mins) bytes. One int lane per four fields, in output order
   * (scales 0-3, scales 4-7, mins 0-3, mins 4-7): the low bits of lane k come from int
   * FIELD_BYTES[k] shifted by FIELD_SHIFTS[k] and masked by FIELD_MASKS[k]; the top bits of
   * lanes 1 and 3 come from int TOP_BITS[k], each byte's bits 6-7 moved to 4-5.
   */
  private static final VectorSpecies<Integer> HEADER = IntVector.SPECIES_128;
  private static final VectorShuffle<Integer> FIELD_BYTES =
      VectorShuffle.fromValues(HEADER, 1, 3, 2, 3);
  private static final IntVector FIELD_SHIFTS =
      IntVector.fromArray(HEADER, new int[] {0, 0, 0, 4}, 0);
  private static final IntVector FIELD_MASKS = IntVector.fromArray(HEADER,
      new int[] {0x3F3F_3F3F, 0x0F0F_0F0F, 0x3F3F_3F3F, 0x0F0F_0F0F}, 0);
  private static final VectorShuffle<Integer> TOP_BITS =
      VectorShuffle.fromValues(HEADER, 0, 1, 0, 2);
  private static final IntVector TOP_BITS_MASK =
      IntVector.fromArray(HEADER, new int[] {0, 0x3030_3030, 0, 0x3030_3030}, 0);

  /**
   * {@link #unpackScales(MemorySegment, long, float[], int)} of the {@code blocks} super-blocks
   * of {@code blockBytes} each of two rows, at byte offsets {@code a} and {@code b}: block
   * {@code k}'s into {@code out[32 k ..]} and {@code out[32 k + 16 ..]}. The decode kernels
   * unpack a pair's headers before its dot products, each loop in a compilation of its own:
   * inlined into the dot product loop, the header arithmetic took C2 past its node budget
   * ({@code NodeCountInliningCutoff}) and left vector operations of the loop not inlined, run
   * as allocated objects, several times slower.
   */
  static void unpackScales(MemorySegment rows, int a, int b, int blocks, int blockBytes,
      float[] out) {
    for (int k = 0; k < blocks; k++) {
      unpackScales(rows, a + k * blockBytes, out, 32 * k);
      unpackScales(rows, b + k * blockBytes, out, 32 * k + 16);
    }
  }

  /** Per part of 16 header values, the lanes that hold offsets (values 8 to 15). */
  private static final VectorMask<Float>[] OFFSET_LANES = offsetLanes();

  @SuppressWarnings("unchecked")
  private static VectorMask<Float>[] offsetLanes() {
    VectorMask<Float>[] masks = new VectorMask[16 / F.length()];
    for (int part = 0; part < masks.length; part++) {
      masks[part] = F.indexInRange(part * F.length() - 8, 8);
    }
    return masks;
  }

  /**
   * The 6-bit scale of sub-block {@code j} from the 12 packed scale bytes of Q4_K / Q5_K, read
   * as one long ({@code low}, bytes 0-7) and one int ({@code high}, bytes 8-11): two loads per
   * super-block instead of a dozen.
   */
  static int scaleK4(long low, int high, int j) {
    if (j < 4) {
      return (int) (low >>> (8 * j)) & 63;
    }
    return ((high >>> (8 * (j - 4))) & 0xF) | ((((int) (low >>> (8 * (j - 4)))) & 0xFF) >> 6) << 4;
  }

  /** The 6-bit min of sub-block {@code j}; see {@link #scaleK4}. */
  static int minK4(long low, int high, int j) {
    if (j < 4) {
      return (int) (low >>> (8 * (j + 4))) & 63;
    }
    return (((high >>> (8 * (j - 4))) & 0xFF) >> 4) | ((((int) (low >>> (8 * j))) & 0xFF) >> 6) << 4;
  }

  static int byteAt(MemorySegment src, long at) {
    return Byte.toUnsignedInt(src.get(ValueLayout.JAVA_BYTE, at));
  }

  static ByteVector bytes(MemorySegment src, long at) {
    return ByteVector.fromMemorySegment(B, src, at, LE);
  }

  /**
   * {@link #bytes} zero-extended to ints. Unpacking bit fields on int lanes takes one
   * instruction per shift or mask, where byte lanes need several (x86 has no byte shifts), and
   * zero extension leaves nothing above a byte's top field to mask off after its shift.
   */
  static IntVector unsignedInts(MemorySegment src, long at) {
    return (IntVector) bytes(src, at).convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
  }
}
