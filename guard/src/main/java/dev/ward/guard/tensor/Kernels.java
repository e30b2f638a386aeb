package dev.ward.guard.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Optional;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** The kernel for each supported type, and what the kernels share: species and layouts. */
final class Kernels {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  /** Bytes with as many lanes as {@link #F}, so one byte load widens into one float vector. */
  static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(
      VectorShape.forBitSize(F.length() * Byte.SIZE));
  /** Ints with as many lanes as {@link #F}: the same shape. */
  static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.withShape(F.vectorShape());
  /** Shorts with as many lanes as {@link #F}. */
  static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.withShape(
      VectorShape.forBitSize(F.length() * Short.SIZE));
  static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
  static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
  static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
  static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);

  static {
    if (F.length() > 16 || 16 % F.length() != 0) {
      throw new IllegalStateException("float vectors of " + F.length()
          + " lanes do not divide the 16-value groups of the K-quant layouts");
    }
  }

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
   * {@link #subBlockScales} for the decode kernels: the multipliers of the super-block at
   * {@code block} into {@code out[at .. at + 8)}, its offsets into {@code out[at + 8 .. at + 16)}.
   * The eight 6-bit fields of each kind are gathered into the bytes of one long by a few masks
   * and shifts, then widened and multiplied a vector at a time: extracting and converting them
   * one by one cost the decode kernels more than the arithmetic on the values.
   */
  static void unpackScales(MemorySegment src, long block, float[] out, int at) {
    long head = src.get(LONG_LE, block);
    long tail = src.get(LONG_LE, block + 8);
    float d = Float.float16ToFloat((short) head);
    float dmin = Float.float16ToFloat((short) (head >>> 16));
    int low = (int) (head >>> 32);
    int middle = (int) tail;
    int high = (int) (tail >>> 32);
    int scales = low & 0x3F3F_3F3F;
    int moreScales = (high & 0x0F0F_0F0F) | ((low >>> 6) & 0x0303_0303) << 4;
    int mins = middle & 0x3F3F_3F3F;
    int moreMins = ((high >>> 4) & 0x0F0F_0F0F) | ((middle >>> 6) & 0x0303_0303) << 4;
    ByteVector bytes = LongVector.zero(LongVector.SPECIES_128)
        .withLane(0, Integer.toUnsignedLong(scales) | (long) moreScales << 32)
        .withLane(1, Integer.toUnsignedLong(mins) | (long) moreMins << 32)
        .reinterpretAsBytes();
    FloatVector multipliers = FloatVector.broadcast(F, d);
    FloatVector offsets = FloatVector.broadcast(F, dmin);
    for (int part = 0; part < 16 / F.length(); part++) {
      ((FloatVector) bytes.convertShape(VectorOperators.B2F, F, part))
          .mul(multipliers.blend(offsets, OFFSET_LANES[part]))
          .intoArray(out, at + part * F.length());
    }
  }

  /**
   * {@link #unpackScales(MemorySegment, long, float[], int)} of the super-blocks at byte offsets
   * {@code a} and {@code b} (a block of each row of a decode pair) into {@code out[at ..]} and
   * {@code out[at + 16 ..]}.
   */
  static void unpackScales(MemorySegment rows, int a, int b, float[] out, int at) {
    unpackScales(rows, a, out, at);
    unpackScales(rows, b, out, at + 16);
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
   * {@link #bytes} sign-extended to ints. Unpacking bit fields on int lanes takes one
   * instruction per shift or mask, where byte lanes need several (x86 has no byte shifts), and
   * one load and widening then serves every field of the bytes.
   */
  static IntVector ints(MemorySegment src, long at) {
    return (IntVector) bytes(src, at).convertShape(VectorOperators.B2I, I, 0);
  }
}
