package dev.ward.guard.gguf;

/** The type tags of GGUF metadata values, in file order. */
enum GgufValueType {
  UINT8(1),
  INT8(1),
  UINT16(2),
  INT16(2),
  UINT32(4),
  INT32(4),
  FLOAT32(4),
  BOOL(1),
  STRING(8),
  ARRAY(12),
  UINT64(8),
  INT64(8),
  FLOAT64(8);

  private static final GgufValueType[] VALUES = values();

  /** The fewest bytes one value of this type takes; bounds array counts before allocating. */
  final int minBytes;

  GgufValueType(int minBytes) {
    this.minBytes = minBytes;
  }

  /** The type with this tag, or null. */
  static GgufValueType of(long tag) {
    return tag >= 0 && tag < VALUES.length ? VALUES[(int) tag] : null;
  }

  static int count() {
    return VALUES.length;
  }
}
