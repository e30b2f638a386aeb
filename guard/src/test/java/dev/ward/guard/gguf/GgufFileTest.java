package dev.ward.guard.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.guard.Fixtures;
import dev.ward.guard.gguf.GgufBuilder.Bytes;
import dev.ward.guard.tensor.GgmlType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {
  @TempDir Path dir;

  @Test
  void readsTheFixtureModel() {
    try (GgufFile file = GgufFile.open(Fixtures.fixture("models/tiny-llama3-q4_k_m.gguf"))) {
      GgufMetadata md = file.metadata();
      assertThat(file.version()).isEqualTo(3);
      assertThat(md.requireString("general.architecture")).isEqualTo("llama");
      assertThat(md.requireInt("llama.embedding_length", 1, 1 << 16)).isEqualTo(256);
      assertThat(md.number("llama.rope.freq_base")).contains(500000.0);
      assertThat(md.strings("tokenizer.ggml.tokens").orElseThrow()).hasSize(128256)
          .startsWith("!", "\"");
      assertThat(md.ints("tokenizer.ggml.token_type").orElseThrow()).hasSize(128256);
      GgufTensorInfo embedding = file.tensor("token_embd.weight").orElseThrow();
      assertThat(embedding.type()).isEqualTo(GgmlType.Q6_K);
      assertThat(embedding.dims()).containsExactly(256, 128256);
      assertThat(file.tensor("blk.0.ffn_down.weight").orElseThrow().type()).isEqualTo(GgmlType.Q6_K);
      assertThat(file.tensor("blk.0.attn_q.weight").orElseThrow().type()).isEqualTo(GgmlType.Q4_K);
      assertThat(file.data(embedding).byteSize()).isEqualTo(128256L / 256 * 210 * 256);
    }
  }

  @Test
  void metadataAccessorsNameKeyAndTypes() {
    GgufFile file = new GgufBuilder().string("a.name", "x").u32("a.count", 7).f32("a.eps", 1e-5f)
        .strings("a.list", List.of("p", "q")).open();
    GgufMetadata md = file.metadata();

    assertThat(md.requireInt("a.count", 0, 10)).isEqualTo(7);
    assertThat(md.strings("a.list").orElseThrow()).containsExactly("p", "q");
    assertThatThrownBy(() -> md.requireInt("a.name", 0, 10))
        .hasMessage("metadata 'a.name' must be an integer; found String");
    assertThatThrownBy(() -> md.requireInt("a.count", 0, 5))
        .hasMessage("metadata 'a.count' = 7 is out of range; expected 0..5");
    assertThatThrownBy(() -> md.requireString("a.missing"))
        .hasMessage("metadata 'a.missing' is missing; expected a string");
    assertThatThrownBy(() -> md.ints("a.list"))
        .hasMessageContaining("must be an array of 32-bit integers; found an array of STRING");
  }

  @Test
  void tensorsAreSlicesOfTheMapping() throws IOException {
    Path path = dir.resolve("t.gguf");
    Files.write(path, new GgufBuilder().tensor("w", new float[] {1, 2, 3, 4}, 2, 2)
        .tensor("b", new float[] {5}, 1).build());
    try (GgufFile file = GgufFile.open(path)) {
      MemorySegment b = file.data(file.tensor("b").orElseThrow());
      assertThat(b.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, 0)).isEqualTo(5f);
      assertThat(file.tensor("w").orElseThrow().shape()).isEqualTo("[2, 2]");
    }
  }

  @Test
  void fileProblems() throws IOException {
    assertThatThrownBy(() -> GgufFile.open(dir.resolve("absent.gguf")))
        .isInstanceOf(GgufException.class).hasMessageEndingWith("absent.gguf: no such file");
    assertThatThrownBy(() -> GgufFile.open(dir))
        .hasMessageEndingWith("is a directory, not a GGUF file");
    Path empty = Files.write(dir.resolve("empty.gguf"), new byte[0]);
    assertThatThrownBy(() -> GgufFile.open(empty))
        .hasMessageContaining("file is 0 bytes, too small for a GGUF header");
    Path text = Files.writeString(dir.resolve("model.gguf"), "<html>not found</html> padding padding");
    assertThatThrownBy(() -> GgufFile.open(text)).hasMessageContaining("not a GGUF file: magic is");
  }

  @Test
  void versions() {
    assertThatThrownBy(() -> new GgufBuilder().version(1).open())
        .hasMessageContaining("unsupported GGUF version 1; expected 2 or 3");
    assertThatThrownBy(() -> new GgufBuilder().version(Integer.reverseBytes(3)).open())
        .hasMessageContaining("big-endian");
  }

  @Test
  void hostileCountsFailBeforeAllocating() {
    byte[] hugeTensorCount = new Bytes().u32(GgufParser.MAGIC).u32(3).u64(Long.MAX_VALUE).u64(0)
        .toArray();
    assertThatThrownBy(() -> GgufFile.of(MemorySegment.ofArray(hugeTensorCount), "x"))
        .hasMessageContaining("tensor count 9223372036854775807 exceeds 65536");
    assertThatThrownBy(() -> new GgufBuilder().raw(new Bytes().string("k").u32(8)
        .u64(1L << 40).toArray()).open())
        .hasMessageContaining("metadata 'k' claims 1099511627776 bytes but only 19 remain");
    assertThatThrownBy(() -> new GgufBuilder().raw(new Bytes().string("arr").u32(9).u32(5)
        .u64(1L << 35).toArray()).open())
        .hasMessageContaining("claims 34359738368 elements of INT32");
    assertThatThrownBy(() -> new GgufBuilder().raw(new Bytes().string("k").u32(42).u32(0)
        .toArray()).open())
        .hasMessageContaining("metadata 'k': unknown metadata value type 42");
    assertThatThrownBy(() -> new GgufBuilder().raw(new Bytes().string("b").u32(7).u8(2)
        .toArray()).open())
        .hasMessageContaining("metadata 'b' is a bool of value 2");
    byte[] nested = new Bytes().string("n").u32(9).u32(9).u64(1).u32(9).u64(1).u32(9).u64(1)
        .u32(4).u64(0).toArray();
    assertThatThrownBy(() -> new GgufBuilder().raw(nested).open())
        .hasMessageContaining("nests arrays deeper than 2");
  }

  @Test
  void numericArraysKeepTheirValuesAndWidths() {
    GgufMetadata md = new GgufBuilder()
        .raw(new Bytes().string("i16").u32(9).u32(3).u64(2).u8(0xfe).u8(0xff).u8(7).u8(0).toArray())
        .raw(new Bytes().string("u32").u32(9).u32(4).u64(1).u32(0xffffffffL).toArray())
        .raw(new Bytes().string("i32").u32(9).u32(5).u64(2).u32(-3).u32(9).toArray())
        .raw(new Bytes().string("i64").u32(9).u32(11).u64(1).u64(-5).toArray())
        .raw(new Bytes().string("f32").u32(9).u32(6).u64(2).f32(1.5f).f32(-0f).toArray())
        .open().metadata();

    assertThat(md.ints("i16").orElseThrow()).containsExactly(-2, 7);
    assertThat((long[]) md.array("u32").orElseThrow().values()).containsExactly(0xffffffffL);
    assertThat(md.ints("i32").orElseThrow()).containsExactly(-3, 9);
    assertThat((long[]) md.array("i64").orElseThrow().values()).containsExactly(-5L);
    assertThat((float[]) md.array("f32").orElseThrow().values()).containsExactly(1.5f, -0f);
  }

  @Test
  void aBadStringInAnArrayIsNamedByItsIndex() {
    byte[] tooLong = new Bytes().string("list").u32(9).u32(8).u64(2).string("ok").u64(99).toArray();
    assertThatThrownBy(() -> new GgufBuilder().raw(tooLong).open())
        .hasMessageContaining("metadata 'list'[1] claims 99 bytes but only");
    byte[] cut = new Bytes().u32(GgufParser.MAGIC).u32(3).u64(0).u64(1)
        .string("list").u32(9).u32(8).u64(2).string("123456789").u8(1).u8(0).u8(0).toArray();
    assertThatThrownBy(() -> GgufFile.of(MemorySegment.ofArray(cut), "x"))
        .hasMessageContaining("truncated: metadata 'list'[1] length needs 8 bytes");
  }

  @Test
  void duplicates() {
    assertThatThrownBy(() -> new GgufBuilder().u32("k", 1).u32("k", 2).open())
        .hasMessageContaining("metadata key 'k' appears twice");
    assertThatThrownBy(() -> new GgufBuilder().tensor("t", new float[] {1}, 1)
        .tensor("t", new float[] {1}, 1).open())
        .hasMessageContaining("tensor 't' appears twice");
  }

  @Test
  void tensorDirectoryProblems() {
    assertThatThrownBy(() -> new GgufBuilder().tensor("q", GgmlType.Q8_0, new byte[34], 16).open())
        .hasMessageContaining("tensor 'q' has 16 elements per row, not a multiple of Q8_0's block size 32");
    assertThatThrownBy(() -> new GgufBuilder().tensor("z", new float[0], 0).open())
        .hasMessageContaining("tensor 'z' dimension 0 is 0");
    assertThatThrownBy(() -> new GgufBuilder().tensor("d", new float[1], 1, 1, 1, 1, 1).open())
        .hasMessageContaining("tensor 'd' has 5 dimensions; expected 1..4");
    assertThatThrownBy(() -> new GgufBuilder().tensor("big", new float[] {1}, 1L << 30, 1L << 30)
        .open()).hasMessageContaining("tensor 'big' has more than 2^42 elements");
    assertThatThrownBy(() -> new GgufBuilder().tensor("past", new float[] {1, 2}, 64).open())
        .hasMessageContaining("tensor 'past' (F32, [64]) needs 256 bytes at data offset 0")
        .hasMessageContaining("truncated or corrupt");
    assertThatThrownBy(() -> new GgufBuilder().alignment(24).open())
        .hasMessageContaining("general.alignment = 24 is not a power of two");
  }

  @Test
  void unknownTensorType() {
    byte[] image = new GgufBuilder().tensor("t", new float[] {1}, 1).build();
    int typeAt = indexOf(image, new Bytes().u32(GgmlType.F32.id()).u64(0).toArray(), 24 + 8 + 1 + 4 + 8);
    image[typeAt] = 99;
    assertThatThrownBy(() -> GgufFile.of(MemorySegment.ofArray(image), "x"))
        .hasMessageContaining("tensor 't' has unknown ggml type 99");
  }

  @Test
  void everyTruncationOfAHeaderIsReported() {
    byte[] image = sample();
    for (int length = 0; length < image.length - 64; length++) {
      byte[] cut = java.util.Arrays.copyOf(image, length);
      assertThatThrownBy(() -> GgufFile.of(MemorySegment.ofArray(cut), "cut"))
          .as("truncated to %d bytes", length)
          .isInstanceOf(GgufException.class);
    }
  }

  @Test
  void mutatedFilesFailCleanlyOrParse() {
    byte[] image = sample();
    java.util.Random random = new java.util.Random(42);
    int parsed = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] mutated = image.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        int at = random.nextInt(mutated.length);
        mutated[at] = switch (random.nextInt(4)) {
          case 0 -> (byte) random.nextInt(256);
          case 1 -> (byte) 0xFF;
          case 2 -> 0;
          default -> (byte) (mutated[at] ^ (1 << random.nextInt(8)));
        };
      }
      try {
        GgufFile file = GgufFile.of(MemorySegment.ofArray(mutated), "fuzz");
        for (GgufTensorInfo t : file.tensors()) {
          file.data(t);
        }
        parsed++;
      } catch (GgufException expected) {
        assertThat(expected.getMessage()).startsWith("fuzz: ");
      }
    }
    assertThat(parsed).as("some mutations keep the file valid").isPositive();
  }

  static byte[] sample() {
    return new GgufBuilder()
        .string("general.architecture", "llama")
        .u32("llama.block_count", 2)
        .f32("llama.rope.freq_base", 500000f)
        .strings("tokenizer.ggml.tokens", List.of("a", "b", "Ġc"))
        .ints("tokenizer.ggml.token_type", new int[] {1, 1, 3})
        .tensor("w", GgmlType.Q8_0, new byte[68], 32, 2)
        .tensor("n", new float[] {1, 2, 3, 4}, 4)
        .build();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }
}
