package dev.ward.guard.gguf;

import dev.ward.guard.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the header of a GGUF file: magic, version, metadata, tensor directory. Every count and
 * length is checked against the bytes that remain before anything is allocated, so a hostile
 * file fails with a message instead of an out-of-memory or an out-of-bounds read.
 *
 * <pre>
 * u32 magic "GGUF" | u32 version (2 or 3) | u64 tensor count | u64 metadata count
 * metadata: { string key | u32 value type | value }*
 * tensors:  { string name | u32 n_dims | u64 dims[n_dims] | u32 ggml type | u64 offset }*
 * padding to general.alignment (default 32) | tensor data
 * string: u64 byte length | UTF-8 bytes; array: u32 element type | u64 count | elements
 * </pre>
 * All little-endian.
 */
final class GgufParser {
  static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
  static final int DEFAULT_ALIGNMENT = 32;
  private static final long MAX_TENSORS = 1 << 16;
  private static final long MAX_KEYS = 1 << 16;
  private static final long MAX_KEY_BYTES = 1 << 16;
  private static final int MAX_DIMS = 4;
  private static final int MAX_ARRAY_DEPTH = 2;
  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  record Header(int version, GgufMetadata metadata, List<GgufTensorInfo> tensors, long dataOffset,
      int alignment) {}

  private final MemorySegment file;
  private final String source;
  private long position;

  private GgufParser(MemorySegment file, String source) {
    this.file = file;
    this.source = source;
  }

  static Header parse(MemorySegment file, String source) {
    return new GgufParser(file, source).header();
  }

  private Header header() {
    if (file.byteSize() < 24) {
      throw fail("file is " + file.byteSize() + " bytes, too small for a GGUF header (24)");
    }
    int magic = file.get(U32, 0);
    if (magic != MAGIC) {
      throw fail(String.format("not a GGUF file: magic is 0x%08x, expected 0x%08x (\"GGUF\")",
          magic, MAGIC));
    }
    position = 4;
    int version = u32("version");
    if (version != 2 && version != 3) {
      String hint = Integer.reverseBytes(version) == 3 || Integer.reverseBytes(version) == 2
          ? " (a big-endian file; Ward reads little-endian GGUF)" : "";
      throw fail("unsupported GGUF version " + Integer.toUnsignedString(version)
          + "; expected 2 or 3" + hint);
    }
    long tensorCount = u64("tensor count");
    long keyCount = u64("metadata count");
    if (tensorCount < 0 || tensorCount > MAX_TENSORS) {
      throw fail("tensor count " + Long.toUnsignedString(tensorCount) + " exceeds " + MAX_TENSORS);
    }
    if (keyCount < 0 || keyCount > MAX_KEYS) {
      throw fail("metadata count " + Long.toUnsignedString(keyCount) + " exceeds " + MAX_KEYS);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (long i = 0; i < keyCount; i++) {
      String key = string("metadata key #" + i, MAX_KEY_BYTES);
      GgufValueType type = valueType("metadata '" + key + "'");
      Object value = value(type, "metadata '" + key + "'", 0);
      if (values.putIfAbsent(key, value) != null) {
        throw fail("metadata key '" + key + "' appears twice");
      }
    }
    GgufMetadata metadata = new GgufMetadata(values);
    int alignment = metadata.intInRange("general.alignment", 1, 1 << 20).orElse(DEFAULT_ALIGNMENT);
    if (Integer.bitCount(alignment) != 1) {
      throw fail("general.alignment = " + alignment + " is not a power of two");
    }
    List<RawTensor> raw = new ArrayList<>();
    for (long i = 0; i < tensorCount; i++) {
      raw.add(tensorInfo(i));
    }
    long dataOffset = align(position, alignment);
    if (dataOffset > file.byteSize()) {
      throw fail("truncated: tensor data would start at byte " + dataOffset + " but the file has "
          + file.byteSize());
    }
    return new Header(version, metadata, tensors(raw, dataOffset, alignment), dataOffset, alignment);
  }

  private record RawTensor(String name, long[] dims, GgmlType type, long offset) {}

  private RawTensor tensorInfo(long index) {
    String name = string("name of tensor #" + index, MAX_KEY_BYTES);
    String where = "tensor '" + name + "'";
    long rank = u32unsigned(where + " dimension count");
    if (rank < 1 || rank > MAX_DIMS) {
      throw fail(where + " has " + rank + " dimensions; expected 1.." + MAX_DIMS);
    }
    long[] dims = new long[(int) rank];
    long elements = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = u64(where + " dimension " + d);
      if (dims[d] <= 0 || dims[d] > (1L << 40)) {
        throw fail(where + " dimension " + d + " is " + Long.toUnsignedString(dims[d])
            + "; expected 1.." + (1L << 40));
      }
      if (elements > (1L << 42) / dims[d]) {
        throw fail(where + " has more than 2^42 elements");
      }
      elements *= dims[d];
    }
    long typeId = u32unsigned(where + " type");
    GgmlType type = GgmlType.byId(typeId).orElseThrow(() ->
        fail(where + " has unknown ggml type " + typeId));
    if (dims[0] % type.blockSize() != 0) {
      throw fail(where + " has " + dims[0] + " elements per row, not a multiple of " + type
          + "'s block size " + type.blockSize());
    }
    long offset = u64(where + " offset");
    return new RawTensor(name, dims, type, offset);
  }

  private List<GgufTensorInfo> tensors(List<RawTensor> raw, long dataOffset, int alignment) {
    long dataBytes = file.byteSize() - dataOffset;
    List<GgufTensorInfo> tensors = new ArrayList<>(raw.size());
    Map<String, Boolean> names = new HashMap<>();
    for (RawTensor t : raw) {
      String where = "tensor '" + t.name() + "'";
      if (names.putIfAbsent(t.name(), Boolean.TRUE) != null) {
        throw fail(where + " appears twice in the tensor directory");
      }
      long elements = 1;
      for (long d : t.dims()) {
        elements *= d;
      }
      long bytes = t.type().bytesFor(elements);
      if (t.offset() < 0 || t.offset() % alignment != 0) {
        throw fail(where + " offset " + Long.toUnsignedString(t.offset())
            + " is not a multiple of the alignment " + alignment);
      }
      if (t.offset() > dataBytes || bytes > dataBytes - t.offset()) {
        throw fail(where + " (" + t.type() + ", " + java.util.Arrays.toString(t.dims()) + ") needs "
            + bytes + " bytes at data offset " + t.offset() + ", but the data section has "
            + dataBytes + " bytes: the file is truncated or corrupt");
      }
      tensors.add(new GgufTensorInfo(t.name(), t.dims(), t.type(), t.offset(), bytes));
    }
    return tensors;
  }

  private Object value(GgufValueType type, String where, int depth) {
    return switch (type) {
      case UINT8 -> Byte.toUnsignedInt(file.get(ValueLayout.JAVA_BYTE, take(1, where)));
      case INT8 -> (int) file.get(ValueLayout.JAVA_BYTE, take(1, where));
      case UINT16 -> Short.toUnsignedInt(file.get(U16, take(2, where)));
      case INT16 -> (int) file.get(U16, take(2, where));
      case UINT32 -> Integer.toUnsignedLong(file.get(U32, take(4, where)));
      case INT32 -> file.get(U32, take(4, where));
      case FLOAT32 -> file.get(F32, take(4, where));
      case BOOL -> bool(where);
      case STRING -> string(where, Long.MAX_VALUE);
      case UINT64, INT64 -> file.get(U64, take(8, where));
      case FLOAT64 -> file.get(F64, take(8, where));
      case ARRAY -> array(where, depth);
    };
  }

  private boolean bool(String where) {
    byte b = file.get(ValueLayout.JAVA_BYTE, take(1, where));
    if (b != 0 && b != 1) {
      throw fail(where + " is a bool of value " + b + "; expected 0 or 1");
    }
    return b == 1;
  }

  private GgufArray array(String where, int depth) {
    if (depth >= MAX_ARRAY_DEPTH) {
      throw fail(where + " nests arrays deeper than " + MAX_ARRAY_DEPTH);
    }
    GgufValueType type = valueType(where);
    long count = u64(where + " length");
    long remaining = file.byteSize() - position;
    if (count < 0 || count > Integer.MAX_VALUE - 8 || count * type.minBytes > remaining) {
      throw fail(where + " claims " + Long.toUnsignedString(count) + " elements of " + type
          + " but only " + remaining + " bytes remain");
    }
    int n = (int) count;
    Object values = switch (type) {
      case UINT8, INT8, UINT16, INT16 -> {
        int[] ints = new int[n];
        for (int i = 0; i < n; i++) {
          ints[i] = (Integer) value(type, where, depth + 1);
        }
        yield ints;
      }
      case INT32 -> bulk(new int[n], n, U32, where);
      case UINT32 -> {
        long[] longs = new long[n];
        for (int i = 0; i < n; i++) {
          longs[i] = u32unsigned(where);
        }
        yield longs;
      }
      case UINT64, INT64 -> bulk(new long[n], n, U64, where);
      case FLOAT32 -> bulk(new float[n], n, F32, where);
      case FLOAT64 -> bulk(new double[n], n, F64, where);
      case BOOL -> {
        boolean[] bools = new boolean[n];
        for (int i = 0; i < n; i++) {
          bools[i] = bool(where);
        }
        yield bools;
      }
      case STRING -> strings(where, n);
      case ARRAY -> {
        List<GgufArray> arrays = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          arrays.add(array(where + "[" + i + "]", depth + 1));
        }
        yield List.copyOf(arrays);
      }
    };
    return new GgufArray(type.name(), values, n);
  }

  private GgufValueType valueType(String where) {
    long tag = u32unsigned(where + " type");
    GgufValueType type = GgufValueType.of(tag);
    if (type == null) {
      throw fail(where + ": unknown metadata value type " + tag + " (expected 0.."
          + (GgufValueType.count() - 1) + ")");
    }
    return type;
  }

  private String string(String where, long maxBytes) {
    long at = skipString(where, -1, maxBytes);
    byte[] bytes = new byte[(int) (position - at)];
    MemorySegment.copy(file, ValueLayout.JAVA_BYTE, at, bytes, 0, bytes.length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@code n} strings of an array, checked, then copied into one {@link PackedStrings}. */
  private PackedStrings strings(String where, int n) {
    long start = position;
    int[] ends = new int[n + 1];
    long total = 0;
    for (int i = 0; i < n; i++) {
      long at = skipString(where, i, Long.MAX_VALUE);
      total += position - at;
      if (total > Integer.MAX_VALUE - 8) {
        throw fail(where + " holds more than 2 GiB of text");
      }
      ends[i + 1] = (int) total;
    }
    byte[] bytes = new byte[(int) total];
    long at = start;
    for (int i = 0; i < n; i++) {
      int length = ends[i + 1] - ends[i];
      MemorySegment.copy(file, ValueLayout.JAVA_BYTE, at + 8, bytes, ends[i], length);
      at += 8 + length;
    }
    return new PackedStrings(bytes, ends);
  }

  /**
   * Checks the string at the cursor, moves the cursor past it and returns where its bytes begin;
   * {@code index >= 0} names it as element {@code index} of {@code where} in errors.
   */
  private long skipString(String where, int index, long maxBytes) {
    long remaining = file.byteSize() - position - 8;
    long length = remaining < 0 ? -1 : file.get(U64, position);
    if (length < 0 || length > remaining || length > Integer.MAX_VALUE - 8 || length > maxBytes) {
      throw badString(index < 0 ? where : where + "[" + index + "]", maxBytes);
    }
    long at = position + 8;
    position = at + length;
    return at;
  }

  /** Why the string at the cursor cannot be read: the file ends in it, or it is too long. */
  private GgufException badString(String what, long maxBytes) {
    long length = u64(what + " length");
    long remaining = file.byteSize() - position;
    if (length >= 0 && length <= remaining && length <= Integer.MAX_VALUE - 8) {
      return fail(what + " is " + length + " bytes long; at most " + maxBytes + " allowed");
    }
    return fail(what + " claims " + Long.toUnsignedString(length) + " bytes but only "
        + remaining + " remain");
  }

  /** Fills {@code array} with consecutive values of {@code layout}, whose count was checked. */
  private <A> A bulk(A array, int n, ValueLayout layout, String where) {
    long at = take(n * layout.byteSize(), where);
    MemorySegment.copy(file, layout, at, array, 0, n);
    return array;
  }

  private int u32(String what) {
    return file.get(U32, take(4, what));
  }

  private long u32unsigned(String what) {
    return Integer.toUnsignedLong(u32(what));
  }

  private long u64(String what) {
    return file.get(U64, take(8, what));
  }

  /** Claims {@code n} bytes at the cursor and returns where they start. */
  private long take(long n, String what) {
    if (n > file.byteSize() - position) {
      throw fail("truncated: " + what + " needs " + n + " bytes at offset " + position
          + " but the file ends at " + file.byteSize());
    }
    long at = position;
    position += n;
    return at;
  }

  private static long align(long offset, int alignment) {
    return (offset + alignment - 1) & -(long) alignment;
  }

  private GgufException fail(String message) {
    return new GgufException(source + ": " + message);
  }
}
