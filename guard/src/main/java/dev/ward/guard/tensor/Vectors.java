package dev.ward.guard.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Small SIMD helpers the kernels share. */
final class Vectors {
  private Vectors() {}

  /** Signed bytes to floats, lane for lane. */
  static FloatVector widen(ByteVector bytes) {
    return (FloatVector) bytes.convertShape(VectorOperators.B2F, Kernels.F, 0);
  }
}
