package dev.ward.guard.tokenizer;

import dev.ward.guard.gguf.GgufMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Tokenizer} from the tokenizer arrays of a GGUF file's metadata, validating them
 * as untrusted input: every count, type, spelling and merge is checked before it is used, and
 * errors name the key, the index and the offending value.
 */
final class GgufVocabulary {
  static final String TOKENS = "tokenizer.ggml.tokens";
  static final String TOKEN_TYPES = "tokenizer.ggml.token_type";
  static final String MERGES = "tokenizer.ggml.merges";
  static final String PRE = "tokenizer.ggml.pre";
  /** The pre-tokenizer name llama.cpp's converter writes for Llama 3. */
  static final String LLAMA3_PRE = "llama-bpe";

  static final String MODEL = "tokenizer.ggml.model";
  static final String BOS_ID = "tokenizer.ggml.bos_token_id";
  static final String EOS_ID = "tokenizer.ggml.eos_token_id";

  private GgufVocabulary() {}

  /**
   * The tokenizer a model file declares, checked against what Ward implements: a byte-level BPE
   * ({@code gpt2}) vocabulary with the Llama 3 pre-tokenizer, whose declared BOS and end-of-turn
   * ids are the ones the Llama 3 templates use.
   */
  static Tokenizer tokenizer(GgufMetadata metadata) {
    String model = metadata.string(MODEL).orElse(null);
    if (!"gpt2".equals(model)) {
      throw new IllegalArgumentException(MODEL + " is " + (model == null ? "missing" : "'" + model + "'")
          + "; Ward reads byte-level BPE ('gpt2') vocabularies, as Llama 3 uses");
    }
    Tokenizer tokenizer = tokenizer(
        metadata.strings(TOKENS).orElseThrow(() -> missing(TOKENS)),
        metadata.ints(TOKEN_TYPES).orElseThrow(() -> missing(TOKEN_TYPES)),
        metadata.strings(MERGES).orElseThrow(() -> missing(MERGES)),
        metadata.string(PRE).orElse(null));
    metadata.integer(BOS_ID).ifPresent(id -> {
      if (id != tokenizer.bos()) {
        throw new IllegalArgumentException(BOS_ID + " is " + id + "; Llama 3 begins text with "
            + tokenizer.bos() + " (<|begin_of_text|>)");
      }
    });
    metadata.integer(EOS_ID).ifPresent(id -> {
      if (id < 0 || id >= tokenizer.vocabularySize() || !tokenizer.isEndOfGeneration(id.intValue())) {
        throw new IllegalArgumentException(EOS_ID + " is " + id
            + ", which is not one of Llama 3's end tokens (<|eot_id|>, <|eom_id|>, <|end_of_text|>)");
      }
    });
    return tokenizer;
  }

  private static IllegalArgumentException missing(String key) {
    return new IllegalArgumentException(key + " is missing; the model file carries no vocabulary");
  }

  static Tokenizer tokenizer(
      List<String> tokens, int[] tokenTypes, List<String> merges, String pre) {
    if (!LLAMA3_PRE.equals(pre)) {
      throw new IllegalArgumentException(PRE + " is " + (pre == null ? "missing" : "'" + pre + "'")
          + "; only '" + LLAMA3_PRE + "' (Llama 3) is supported");
    }
    Objects.requireNonNull(tokens, TOKENS);
    Objects.requireNonNull(tokenTypes, TOKEN_TYPES);
    Objects.requireNonNull(merges, MERGES);
    if (tokenTypes.length != tokens.size()) {
      throw new IllegalArgumentException(TOKEN_TYPES + " has " + tokenTypes.length
          + " entries but " + TOKENS + " has " + tokens.size());
    }
    if (merges.size() > MergeTable.MAX_MERGES) {
      throw new IllegalArgumentException(MERGES + " has " + merges.size()
          + " entries; at most " + MergeTable.MAX_MERGES + " are allowed");
    }
    Vocabulary vocabulary = vocabulary(tokens, tokenTypes);
    return new Tokenizer(vocabulary, mergeTable(vocabulary, merges));
  }

  private static Vocabulary vocabulary(List<String> tokens, int[] tokenTypes) {
    try {
      Vocabulary.Builder builder = new Vocabulary.Builder(tokens.size());
      for (int i = 0; i < tokenTypes.length; i++) {
        TokenKind kind = TokenKind.ofGgufType(tokenTypes[i], i);
        builder.add(bytes(tokens.get(i), kind, i), kind);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(TOKENS + ": " + e.getMessage(), e);
    }
  }

  /** Ranks each merge by its position, as llama.cpp does. */
  private static MergeTable mergeTable(Vocabulary vocabulary, List<String> merges) {
    MergeTable.Builder table = new MergeTable.Builder();
    for (int rank = 0; rank < merges.size(); rank++) {
      String merge = merges.get(rank);
      try {
        addMerge(table, vocabulary, merge, rank);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            MERGES + ": merge " + rank + " ('" + merge + "')" + e.getMessage(), e);
      }
    }
    return table.build();
  }

  /** Adds one merge; errors are phrased to follow the merge's index and text. */
  private static void addMerge(MergeTable.Builder table, Vocabulary vocabulary, String merge,
      int rank) {
    int space = merge == null ? -1 : merge.indexOf(' ');
    if (space <= 0 || space == merge.length() - 1 || merge.indexOf(' ', space + 1) >= 0) {
      throw new IllegalArgumentException(" is not two tokens separated by one space");
    }
    String leftText = merge.substring(0, space);
    String rightText = merge.substring(space + 1);
    byte[] leftBytes;
    byte[] rightBytes;
    try {
      leftBytes = ByteLevel.decode(leftText);
      rightBytes = ByteLevel.decode(rightText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(": " + e.getMessage(), e);
    }
    byte[] joined = Arrays.copyOf(leftBytes, leftBytes.length + rightBytes.length);
    System.arraycopy(rightBytes, 0, joined, leftBytes.length, rightBytes.length);
    int left = vocabulary.normalTokenId(joined, 0, leftBytes.length);
    int right = vocabulary.normalTokenId(joined, leftBytes.length, rightBytes.length);
    int result = vocabulary.normalTokenId(joined, 0, joined.length);
    if (left < 0 || right < 0 || result < 0) {
      String missing = left < 0 ? leftText : right < 0 ? rightText : leftText + rightText;
      throw new IllegalArgumentException(
          ": '" + missing + "' is not a normal token of the vocabulary");
    }
    long earlier = table.add(left, right, rank, result);
    if (earlier != MergeTable.ABSENT) {
      throw new IllegalArgumentException(" repeats merge " + MergeTable.rank(earlier));
    }
  }

  /** What a token spells: byte-level text for normal tokens, raw UTF-8 for the others. */
  private static byte[] bytes(String token, TokenKind kind, int index) {
    if (token == null) {
      throw new IllegalArgumentException("token " + index + " is null");
    }
    if (kind != TokenKind.NORMAL) {
      return token.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return ByteLevel.decode(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("token " + index + ": " + e.getMessage(), e);
    }
  }
}
