package dev.ward.guard.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads a tiktoken BPE file, the format of Meta's Llama 3 {@code tokenizer.model}: one line per
 * token, {@code base64(token bytes)}, a space, and the token's rank, ranks counting up from 0. The
 * rank is both the token id and the merge priority: a pair of adjacent tokens merges if their
 * concatenation is a token, lowest rank first. Special tokens are not in the file; Llama 3's 256
 * follow the last rank.
 *
 * <p>The file is untrusted: its size, each token's length and the token count are bounded before
 * anything is allocated for them, and every malformed line is reported with its number.
 */
final class TiktokenFile {
  /** Llama 3's file is 2.1 MB; 200k-token vocabularies are under 4 MB. */
  static final long MAX_FILE_BYTES = 16L << 20;
  /**
   * Llama 3's longest token has 128 bytes. Deriving the merges looks up every split of every token,
   * which costs the square of its length, so this bound keeps a hostile file cheap to load.
   */
  static final int MAX_TOKEN_BYTES = 256;

  /**
   * The 256 Llama 3 special tokens in id order: twelve named ones, with {@code <|image|>} (Llama
   * 3.2) where Llama 3.0 had a reserved token, then reserved tokens numbered on from 2.
   */
  static final List<String> LLAMA3_SPECIAL_TOKENS = llama3SpecialTokens();

  private TiktokenFile() {}

  static Tokenizer read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          file + " has " + size + " bytes; a tiktoken file may have at most " + MAX_FILE_BYTES);
    }
    Vocabulary vocabulary = vocabulary(file, Files.readAllBytes(file));
    int ranked = vocabulary.size() - LLAMA3_SPECIAL_TOKENS.size();
    return new Tokenizer(vocabulary, mergeTable(vocabulary, ranked));
  }

  private static Vocabulary vocabulary(Path file, byte[] content) {
    Vocabulary.Builder builder;
    try {
      builder = new Vocabulary.Builder(lineCount(content) + LLAMA3_SPECIAL_TOKENS.size());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    int line = 0;
    for (int start = 0; start < content.length; ) {
      int end = indexOf(content, (byte) '\n', start, content.length);
      int next = end + 1;
      if (end > start && content[end - 1] == '\r') {
        end--;
      }
      line++;
      if (end == start && next >= content.length) {
        break; // a blank last line
      }
      try {
        builder.add(token(content, start, end, line - 1), TokenKind.NORMAL);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + line + ": " + e.getMessage(), e);
      }
      start = next;
    }
    for (String special : LLAMA3_SPECIAL_TOKENS) {
      builder.add(special.getBytes(StandardCharsets.UTF_8), TokenKind.CONTROL);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> llama3SpecialTokens() {
    List<String> tokens = new ArrayList<>(List.of(
        "<|begin_of_text|>", "<|end_of_text|>",
        "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
        "<|finetune_right_pad_id|>", "<|step_id|>",
        "<|start_header_id|>", "<|end_header_id|>",
        "<|eom_id|>", "<|eot_id|>", "<|python_tag|>", "<|image|>"));
    for (int reserved = 2; tokens.size() < 256; reserved++) {
      tokens.add("<|reserved_special_token_" + reserved + "|>");
    }
    return List.copyOf(tokens);
  }

  /** The bytes of one {@code base64 rank} line, whose rank must be {@code expectedRank}. */
  private static byte[] token(byte[] content, int start, int end, int expectedRank) {
    int space = indexOf(content, (byte) ' ', start, end);
    if (space == end || space == start || space == end - 1
        || indexOf(content, (byte) ' ', space + 1, end) != end) {
      throw new IllegalArgumentException("expected 'base64 rank', got '" + excerpt(content, start, end) + "'");
    }
    int rank = 0;
    for (int i = space + 1; i < end; i++) {
      int digit = content[i] - '0';
      if (digit < 0 || digit > 9 || rank > (Integer.MAX_VALUE - digit) / 10) {
        throw new IllegalArgumentException(
            "rank '" + excerpt(content, space + 1, end) + "' is not a number");
      }
      rank = 10 * rank + digit;
    }
    if (rank != expectedRank) {
      throw new IllegalArgumentException("rank " + rank + " where " + expectedRank
          + " was expected; ranks count up from 0, one per line");
    }
    byte[] token;
    try {
      token = Base64.getDecoder().decode(Arrays.copyOfRange(content, start, space));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + excerpt(content, start, space)
          + "' is not base64: " + e.getMessage(), e);
    }
    if (token.length > MAX_TOKEN_BYTES) {
      throw new IllegalArgumentException(
          "the token has " + token.length + " bytes; at most " + MAX_TOKEN_BYTES + " are allowed");
    }
    return token;
  }

  /**
   * The merges tiktoken's rule implies: every split of a token into two tokens, ranked by the
   * token. These are the merges a GGUF conversion of the same vocabulary lists.
   */
  private static MergeTable mergeTable(Vocabulary vocabulary, int rankedTokens) {
    MergeTable.Builder table = new MergeTable.Builder();
    byte[] bytes = new byte[MAX_TOKEN_BYTES];
    for (int id = 0; id < rankedTokens; id++) {
      int length = vocabulary.length(id);
      vocabulary.copyBytes(id, bytes, 0);
      for (int split = 1; split < length; split++) {
        int left = vocabulary.normalTokenId(bytes, 0, split);
        int right = left < 0 ? -1 : vocabulary.normalTokenId(bytes, split, length - split);
        if (right >= 0) {
          // A pair concatenates to one byte string, so it can never be added twice.
          table.add(left, right, id, id);
        }
      }
    }
    return table.build();
  }

  private static int lineCount(byte[] content) {
    int lines = content.length > 0 && content[content.length - 1] != '\n' ? 1 : 0;
    for (byte b : content) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /** The first index of {@code b} in {@code bytes[from, to)}, or {@code to}. */
  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return to;
  }

  private static String excerpt(byte[] bytes, int from, int to) {
    String text = new String(bytes, from, Math.min(to - from, 80), StandardCharsets.UTF_8);
    return to - from > 80 ? text + "..." : text;
  }
}
