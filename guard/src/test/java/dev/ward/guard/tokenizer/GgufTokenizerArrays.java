package dev.ward.guard.tokenizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer arrays of a GGUF v3 file, read just far enough to test the GGUF vocabulary path
 * until the real reader (package {@code guard.gguf}) exists; then this goes.
 *
 * <p>The layout, little endian: "GGUF", u32 version, u64 tensor count, u64 key count, then per key a
 * string name, a u32 value type and the value. A string is a u64 length and UTF-8 bytes; an array
 * (type 9) is a u32 element type, a u64 count and the elements. Trusted fixture files only: no
 * validation.
 */
record GgufTokenizerArrays(List<String> tokens, int[] tokenTypes, List<String> merges, String pre) {
  private static final int STRING = 8;
  private static final int ARRAY = 9;

  static GgufTokenizerArrays read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer in = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
          .order(ByteOrder.LITTLE_ENDIAN);
      if (in.getInt() != 0x46554747 || in.getInt() != 3) {
        throw new IOException(file + " is not a GGUF v3 file");
      }
      in.getLong(); // tensor count
      long keys = in.getLong();
      List<String> tokens = null;
      List<String> merges = null;
      int[] types = null;
      String pre = null;
      for (long k = 0; k < keys; k++) {
        String key = string(in);
        int type = in.getInt();
        switch (key) {
          case GgufVocabulary.TOKENS -> tokens = strings(in);
          case GgufVocabulary.MERGES -> merges = strings(in);
          case GgufVocabulary.PRE -> pre = string(in);
          case GgufVocabulary.TOKEN_TYPES -> {
            in.getInt(); // element type: i32
            types = new int[(int) in.getLong()];
            in.asIntBuffer().get(types);
            in.position(in.position() + 4 * types.length);
          }
          default -> skip(in, type);
        }
      }
      return new GgufTokenizerArrays(tokens, types, merges, pre);
    }
  }

  private static String string(ByteBuffer in) {
    byte[] bytes = new byte[(int) in.getLong()];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static List<String> strings(ByteBuffer in) {
    in.getInt(); // element type: string
    int count = (int) in.getLong();
    List<String> strings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      strings.add(string(in));
    }
    return strings;
  }

  private static void skip(ByteBuffer in, int type) {
    switch (type) {
      case STRING -> string(in);
      case ARRAY -> {
        int elementType = in.getInt();
        long count = in.getLong();
        for (long i = 0; i < count; i++) {
          skip(in, elementType);
        }
      }
      case 0, 1, 7 -> in.position(in.position() + 1);
      case 2, 3 -> in.position(in.position() + 2);
      case 4, 5, 6 -> in.position(in.position() + 4);
      case 10, 11, 12 -> in.position(in.position() + 8);
      default -> throw new IllegalStateException("unknown GGUF value type " + type);
    }
  }
}
