package dev.ward.guard.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/** Small SIMD helpers the kernels share. */
final class Vectors {
  private static final int LANES = Kernels.F.length();
  private static final VectorShuffle<Float> SWAP_8 = butterfly(8);
  private static final VectorShuffle<Float> SWAP_4 = butterfly(4);
  private static final VectorShuffle<Float> SWAP_2 = butterfly(2);
  private static final VectorShuffle<Float> SWAP_1 = butterfly(1);
  private static final VectorMask<Float> HIGH_8 = half(8);
  private static final VectorMask<Float> HIGH_4 = half(4);
  private static final VectorMask<Float> HIGH_2 = half(2);
  private static final VectorMask<Float> HIGH_1 = half(1);

  private Vectors() {}

  /** Ints to floats, lane for lane. */
  static FloatVector toFloats(IntVector ints) {
    return (FloatVector) ints.convertShape(VectorOperators.I2F, Kernels.F, 0);
  }

  /** Signed bytes to floats, lane for lane. */
  static FloatVector widen(ByteVector bytes) {
    return (FloatVector) bytes.convertShape(VectorOperators.B2F, Kernels.F, 0);
  }

  /**
   * The sum of the lanes, always added in the same order (a butterfly: lanes {@code i} and
   * {@code i ^ 8}, then {@code i ^ 4}, ...). {@code reduceLanes(ADD)} leaves its order open, and
   * interpreted, C1 and C2 code do differ; a fixed order keeps every kernel's result a function
   * of its inputs alone, so that the same token gives the same bits whatever path and batch
   * computed it (a classification resumed from a cache equals a cold one).
   */
  static float sum(FloatVector v) {
    if (LANES > 8) {
      v = v.add(v.rearrange(SWAP_8));
    }
    if (LANES > 4) {
      v = v.add(v.rearrange(SWAP_4));
    }
    if (LANES > 2) {
      v = v.add(v.rearrange(SWAP_2));
    }
    if (LANES > 1) {
      v = v.add(v.rearrange(SWAP_1));
    }
    return v.lane(0);
  }

  /**
   * {@link #sum(FloatVector)} of the {@code LANES} floats at {@code v[offset ..]}, bit for bit
   * (the same additions in the same order), in scalar code: where a kernel's compilation has
   * run out of C2's node budget, the vector sum is left to the slow generic implementation,
   * while a few scalar adds cost nothing. Overwrites the floats.
   */
  static float sum(float[] v, int offset) {
    for (int step = LANES / 2; step > 0; step /= 2) {
      for (int i = 0; i < step; i++) {
        v[offset + i] += v[offset + i + step];
      }
    }
    return v[offset];
  }

  /**
   * {@code e^x} lane by lane, within two ulps, with the same result in interpreted and compiled
   * code (unlike {@code lanewise(EXP)}, whose compiled form is a different library than its
   * fallback): {@code x = n ln2 + r}, {@code |r| <= ln2 / 2}, {@code e^r} by its Taylor series to
   * the 7th power (truncation under 1e-8), times {@code 2^n} built in the exponent bits. Lanes
   * under -87 give 0; lanes are clamped at 88 (about 1.6e38).
   */
  static FloatVector exp(FloatVector x) {
    FloatVector clamped = x.min(88f).max(-87f);
    FloatVector shifted = clamped.fma(broadcast(1.442695f), broadcast(ROUNDING));
    FloatVector n = shifted.sub(ROUNDING);
    FloatVector r = n.fma(broadcast(-0.693145751953125f), clamped)
        .add(n.mul(-1.428606765330187e-6f));
    FloatVector p = r.fma(broadcast(1f / 5040), broadcast(1f / 720))
        .fma(r, broadcast(1f / 120)).fma(r, broadcast(1f / 24)).fma(r, broadcast(1f / 6))
        .fma(r, broadcast(0.5f)).fma(r, broadcast(1f)).fma(r, broadcast(1f));
    IntVector exponent = shifted.reinterpretAsInts().sub(0x4B40_0000).add(127)
        .lanewise(VectorOperators.LSHL, 23);
    FloatVector result = p.mul(exponent.reinterpretAsFloats());
    return result.blend(0f, x.compare(VectorOperators.LT, -87f));
  }

  private static FloatVector broadcast(float value) {
    return FloatVector.broadcast(Kernels.F, value);
  }

  /** Adding it rounds a float below 2^22 to an integer held in the low mantissa bits. */
  private static final float ROUNDING = 12582912f;

  /**
   * The lane sums of {@code LANES} vectors at once: lane {@code k} of the result is
   * {@link #sum} of the vector at {@code v[base + k * stride]}, bit for bit, in a quarter of
   * the work. Each step of {@link #sum}'s butterfly is done for two vectors in one: the lanes
   * whose step bit is clear carry the first vector's pair sums, the others the second's. The
   * vectors in {@code v} are overwritten.
   */
  static FloatVector sumEach(float[] v, int base, int stride) {
    if (LANES > 8) {
      for (int k = 0; k < 8; k++) {
        combine(v, base + k * stride, base + (k + 8) * stride, HIGH_8, SWAP_8);
      }
    }
    if (LANES > 4) {
      for (int k = 0; k < 4; k++) {
        combine(v, base + k * stride, base + (k + 4) * stride, HIGH_4, SWAP_4);
      }
    }
    if (LANES > 2) {
      for (int k = 0; k < 2; k++) {
        combine(v, base + k * stride, base + (k + 2) * stride, HIGH_2, SWAP_2);
      }
    }
    if (LANES > 1) {
      combine(v, base, base + stride, HIGH_1, SWAP_1);
    }
    return FloatVector.fromArray(Kernels.F, v, base);
  }

  private static void combine(float[] v, int first, int second, VectorMask<Float> high,
      VectorShuffle<Float> swap) {
    FloatVector p = FloatVector.fromArray(Kernels.F, v, first);
    FloatVector q = FloatVector.fromArray(Kernels.F, v, second);
    p.blend(q, high).add(q.blend(p, high).rearrange(swap)).intoArray(v, first);
  }

  /** Lanes whose bit {@code step} is set. */
  private static VectorMask<Float> half(int step) {
    boolean[] bits = new boolean[LANES];
    for (int i = 0; i < LANES; i++) {
      bits[i] = (i & step) != 0;
    }
    return VectorMask.fromArray(Kernels.F, bits, 0);
  }

  private static VectorShuffle<Float> butterfly(int step) {
    return VectorShuffle.fromOp(Kernels.F, i -> step < LANES ? i ^ step : i);
  }
}
