package dev.ward.guard.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF model file, memory-mapped. The header is parsed and validated when the file is opened;
 * tensor data stays in the mapping (no copy onto the heap) and is handed out as slices. Files of
 * any size the address space allows work, since offsets are 64-bit.
 *
 * <p>Closing unmaps the file; slices obtained before then must no longer be used. The mapping is
 * shared, so one open file serves all threads.
 */
public final class GgufFile implements AutoCloseable {
  private final String source;
  private final Arena arena;
  private final MemorySegment mapping;
  private final GgufParser.Header header;
  private final Map<String, GgufTensorInfo> tensorsByName;

  private GgufFile(String source, Arena arena, MemorySegment mapping) {
    this.source = source;
    this.arena = arena;
    this.mapping = mapping;
    this.header = GgufParser.parse(mapping, source);
    Map<String, GgufTensorInfo> byName = new LinkedHashMap<>();
    for (GgufTensorInfo tensor : header.tensors()) {
      byName.put(tensor.name(), tensor);
    }
    this.tensorsByName = byName;
  }

  /** Maps and validates a file; throws {@link GgufException} with the reason when it is unusable. */
  public static GgufFile open(Path path) {
    String source = path.toString();
    if (Files.isDirectory(path)) {
      throw new GgufException(source + ": is a directory, not a GGUF file");
    }
    Arena arena = Arena.ofShared();
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      MemorySegment mapping = size == 0 ? MemorySegment.ofArray(new byte[0])
          : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      return new GgufFile(source, arena, mapping);
    } catch (NoSuchFileException e) {
      arena.close();
      throw new GgufException(source + ": no such file");
    } catch (AccessDeniedException e) {
      arena.close();
      throw new GgufException(source + ": permission denied");
    } catch (IOException e) {
      arena.close();
      throw new GgufException(source + ": cannot read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** Parses a GGUF image already in memory (tests, fuzzing). Nothing is copied. */
  public static GgufFile of(MemorySegment image, String source) {
    return new GgufFile(source, null, image);
  }

  public String source() {
    return source;
  }

  public int version() {
    return header.version();
  }

  public GgufMetadata metadata() {
    return header.metadata();
  }

  public List<GgufTensorInfo> tensors() {
    return header.tensors();
  }

  public Optional<GgufTensorInfo> tensor(String name) {
    return Optional.ofNullable(tensorsByName.get(name));
  }

  public int alignment() {
    return header.alignment();
  }

  /** The bytes of a tensor of this file, a slice of the mapping. */
  public MemorySegment data(GgufTensorInfo tensor) {
    if (tensorsByName.get(tensor.name()) != tensor) {
      throw new IllegalArgumentException("tensor " + tensor.name() + " is not from " + source);
    }
    return mapping.asSlice(header.dataOffset() + tensor.offset(), tensor.bytes());
  }

  @Override
  public void close() {
    if (arena != null) {
      arena.close();
    }
  }
}
