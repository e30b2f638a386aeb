package dev.ward.guard.tensor;

import java.util.Optional;

/**
 * Tensor element types as ggml numbers them in a GGUF file. Quantized types store blocks: each
 * block covers {@link #blockSize()} elements of a row in {@link #blockBytes()} bytes, so a row's
 * length must be a multiple of the block size. The layouts (ggml-common.h) are documented on
 * each kernel class.
 */
public enum GgmlType {
  F32(0, 1, 4),
  F16(1, 1, 2),
  Q4_0(2, 32, 18),
  Q4_1(3, 32, 20),
  Q5_0(6, 32, 22),
  Q5_1(7, 32, 24),
  Q8_0(8, 32, 34),
  Q8_1(9, 32, 36),
  Q2_K(10, 256, 84),
  Q3_K(11, 256, 110),
  Q4_K(12, 256, 144),
  Q5_K(13, 256, 176),
  Q6_K(14, 256, 210),
  Q8_K(15, 256, 292),
  I8(24, 1, 1),
  I16(25, 1, 2),
  I32(26, 1, 4),
  I64(27, 1, 8),
  F64(28, 1, 8),
  BF16(30, 1, 2);

  private static final GgmlType[] BY_ID = new GgmlType[64];

  static {
    for (GgmlType type : values()) {
      BY_ID[type.id] = type;
    }
  }

  private final int id;
  private final int blockSize;
  private final int blockBytes;

  GgmlType(int id, int blockSize, int blockBytes) {
    this.id = id;
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
  }

  /** The type with this ggml number, if Ward knows it at all (not all known types can be run). */
  public static Optional<GgmlType> byId(long id) {
    return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[(int) id]) : Optional.empty();
  }

  public int id() {
    return id;
  }

  public int blockSize() {
    return blockSize;
  }

  public int blockBytes() {
    return blockBytes;
  }

  /** Bytes taken by {@code elements} values; the caller has checked the block alignment. */
  public long bytesFor(long elements) {
    return elements / blockSize * blockBytes;
  }

  /** Whether Ward has kernels for this type, so that a weight of it can be multiplied. */
  public boolean supported() {
    return Kernels.forType(this).isPresent();
  }
}
