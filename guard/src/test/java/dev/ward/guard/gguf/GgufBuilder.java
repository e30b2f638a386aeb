package dev.ward.guard.gguf;

import dev.ward.guard.tensor.GgmlType;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes small GGUF images for tests: valid ones, and broken ones one field at a time. */
public final class GgufBuilder {
  private final List<byte[]> metadata = new ArrayList<>();
  private final List<Tensor> tensors = new ArrayList<>();
  private int version = 3;
  private int alignment = 32;

  private record Tensor(String name, long[] dims, int type, byte[] data) {}

  public GgufBuilder version(int v) {
    version = v;
    return this;
  }

  public GgufBuilder string(String key, String value) {
    Bytes b = new Bytes().string(key).u32(8).string(value);
    metadata.add(b.toArray());
    return this;
  }

  public GgufBuilder u32(String key, int value) {
    metadata.add(new Bytes().string(key).u32(4).u32(value).toArray());
    return this;
  }

  public GgufBuilder f32(String key, float value) {
    metadata.add(new Bytes().string(key).u32(6).f32(value).toArray());
    return this;
  }

  public GgufBuilder strings(String key, List<String> values) {
    Bytes b = new Bytes().string(key).u32(9).u32(8).u64(values.size());
    values.forEach(b::string);
    metadata.add(b.toArray());
    return this;
  }

  public GgufBuilder ints(String key, int[] values) {
    Bytes b = new Bytes().string(key).u32(9).u32(5).u64(values.length);
    for (int v : values) {
      b.u32(v);
    }
    metadata.add(b.toArray());
    return this;
  }

  /** A raw metadata entry, for malformed values. */
  public GgufBuilder raw(byte[] entry) {
    metadata.add(entry);
    return this;
  }

  public GgufBuilder alignment(int value) {
    alignment = value;
    return u32("general.alignment", value);
  }

  public GgufBuilder tensor(String name, GgmlType type, byte[] data, long... dims) {
    tensors.add(new Tensor(name, dims, type.id(), data));
    return this;
  }

  /** F32 tensor from values. */
  public GgufBuilder tensor(String name, float[] values, long... dims) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return tensor(name, GgmlType.F32, buffer.array(), dims);
  }

  public byte[] build() {
    Bytes out = new Bytes().u32(GgufParser.MAGIC).u32(version).u64(tensors.size())
        .u64(metadata.size());
    metadata.forEach(out::bytes);
    long offset = 0;
    List<Long> offsets = new ArrayList<>();
    for (Tensor t : tensors) {
      offsets.add(offset);
      offset = align(offset + t.data().length);
    }
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      out.string(t.name()).u32(t.dims().length);
      for (long d : t.dims()) {
        out.u64(d);
      }
      out.u32(t.type()).u64(offsets.get(i));
    }
    out.pad(alignment);
    for (Tensor t : tensors) {
      out.bytes(t.data()).pad(alignment);
    }
    return out.toArray();
  }

  public GgufFile open() {
    return GgufFile.of(MemorySegment.ofArray(build()), "test.gguf");
  }

  private long align(long n) {
    return (n + alignment - 1) / alignment * alignment;
  }

  /** Little-endian byte writer. */
  public static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Bytes u32(long v) {
      return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v));
    }

    public Bytes u64(long v) {
      return put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v));
    }

    public Bytes f32(float v) {
      return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v));
    }

    public Bytes u8(int v) {
      out.write(v);
      return this;
    }

    public Bytes string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return u64(b.length).bytes(b);
    }

    public Bytes bytes(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    Bytes pad(int alignment) {
      while (out.size() % alignment != 0) {
        out.write(0);
      }
      return this;
    }

    private Bytes put(ByteBuffer b) {
      out.writeBytes(b.array());
      return this;
    }

    public byte[] toArray() {
      return out.toByteArray();
    }
  }
}
