package dev.ward.guard.tokenizer;

import dev.ward.guard.gguf.GgufException;
import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.gguf.GgufMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The Llama 3 tokenizer (also that of Llama 3.1, 3.2 and Llama Guard 2 and 3): text to token ids
 * and back. Immutable and thread-safe; share one per model.
 *
 * <p>Load it from the vocabulary a GGUF model file carries ({@link #fromGgufVocabulary}) or from
 * Meta's tiktoken {@code tokenizer.model} ({@link #fromTiktoken}); both give the same ids.
 *
 * <p>Special tokens. {@link #encode(String)} treats all text as ordinary text, so a user who types
 * {@code <|eot_id|>} gets the tokens of those eleven characters, never the control token: that is
 * what keeps user input from ending a turn or forging a header. Prompt templates that contain
 * control tokens on purpose use {@link #encode(String, boolean)} with {@code parseSpecial}. Neither
 * adds a BOS token; prepend {@link #bos()} where the model wants one.
 */
public final class Tokenizer {
  /*
   * Design notes.
   *
   * Encoding runs in three layers, each in its own class: SpecialTokenMatcher cuts control tokens
   * out of the text (when asked to), Llama3PreTokenizer splits the rest into regex pieces, and
   * EncodeSession turns each piece into tokens by byte-pair merging. Only the session is mutable,
   * and it lives for one call, as llama.cpp's llm_tokenizer_bpe_session does.
   *
   * The two vocabulary sources differ only in how merges are ranked. tiktoken ranks a merge by the
   * rank of the token it produces; GGUF files list merges in order and rank them by position.
   * Both reduce to one MergeTable of (left id, right id) -> (rank, merged id), so one BPE loop
   * serves both. For Llama 3 the GGUF merge list is exactly the set of splits tiktoken can make,
   * sorted by the rank of the merged token, which is why the two agree.
   *
   * bos() and eos() are found by their Llama 3 text rather than passed in, because a tiktoken file
   * carries no ids; the GGUF reader can check them against tokenizer.ggml.bos_token_id and
   * eos_token_id (128000 and 128009 in the fixtures). Generation should stop at
   * isEndOfGeneration(), which also covers <|eom_id|> and <|end_of_text|>, as llama.cpp does.
   */

  private static final String BEGIN_OF_TEXT = "<|begin_of_text|>";
  private static final String END_OF_TEXT = "<|end_of_text|>";
  private static final String END_OF_MESSAGE = "<|eom_id|>";
  private static final String END_OF_TURN = "<|eot_id|>";

  private final Vocabulary vocabulary;
  private final MergeTable merges;
  /** Control and user-defined tokens, for text whose special tokens are parsed. */
  private final SpecialTokenMatcher specialTokens;
  /** User-defined tokens only, which are recognised in all text, as llama.cpp does. */
  private final SpecialTokenMatcher userDefinedTokens;
  private final int bos;
  private final int eos;
  private final int[] endOfGeneration;

  Tokenizer(Vocabulary vocabulary, MergeTable merges) {
    this.vocabulary = vocabulary;
    this.merges = merges;
    Map<String, Integer> userDefined = new HashMap<>();
    vocabulary.specials().forEach((text, id) -> {
      if (vocabulary.kind(id) == TokenKind.USER_DEFINED) {
        userDefined.put(text, id);
      }
    });
    this.specialTokens = new SpecialTokenMatcher(vocabulary.specials());
    this.userDefinedTokens = new SpecialTokenMatcher(userDefined);
    this.bos = requireControl(BEGIN_OF_TEXT);
    this.eos = requireControl(END_OF_TURN);
    this.endOfGeneration = List.of(END_OF_TURN, END_OF_MESSAGE, END_OF_TEXT).stream()
        .map(vocabulary::special)
        .filter(OptionalInt::isPresent)
        .mapToInt(OptionalInt::getAsInt)
        .toArray();
  }

  /**
   * The tokenizer of a GGUF model's vocabulary, from the values of its metadata keys.
   *
   * @param tokens {@code tokenizer.ggml.tokens}: byte-level spellings such as {@code Ġhello} for
   *     normal tokens, raw text for control and user-defined ones
   * @param tokenTypes {@code tokenizer.ggml.token_type}, one per token (1 normal, 2 unknown,
   *     3 control, 4 user-defined, 5 unused, 6 byte)
   * @param merges {@code tokenizer.ggml.merges}: two tokens separated by a space, such as
   *     {@code Ġ t}, highest priority first
   * @param pre {@code tokenizer.ggml.pre}; only {@code llama-bpe} is supported
   * @throws IllegalArgumentException naming the key, the index and the value of the first problem:
   *     another pre-tokenizer, a count above the limits, an unknown type, a duplicated token, a
   *     merge of or into a token that is not in the vocabulary, a missing Llama 3 control token
   */
  public static Tokenizer fromGgufVocabulary(
      List<String> tokens, int[] tokenTypes, List<String> merges, String pre) {
    return GgufVocabulary.tokenizer(tokens, tokenTypes, merges, pre);
  }

  /**
   * The tokenizer of a GGUF model file, from its {@code tokenizer.ggml.*} metadata.
   *
   * @throws IllegalArgumentException naming the key and value when the vocabulary is not a Llama 3
   *     one or is malformed
   */
  public static Tokenizer fromGguf(GgufMetadata metadata) {
    return GgufVocabulary.tokenizer(metadata);
  }

  /**
   * The tokenizer of an open model file; a vocabulary Ward cannot use is a {@link GgufException}
   * naming the file, like every other problem with it.
   */
  public static Tokenizer fromGguf(GgufFile file) {
    try {
      return fromGguf(file.metadata());
    } catch (IllegalArgumentException e) {
      throw new GgufException(file.source() + ": " + e.getMessage());
    }
  }

  /**
   * The tokenizer of a tiktoken file such as Llama 3's {@code tokenizer.model}: one
   * {@code base64(token bytes) rank} line per token, ranks counting up from 0. The 256 Llama 3
   * special tokens, which such files leave out, follow as ids 128000 to 128255.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed line
   * @throws IOException if the file cannot be read
   */
  public static Tokenizer fromTiktoken(Path file) throws IOException {
    return TiktokenFile.read(file);
  }

  /**
   * The token ids of {@code text}, all of it read as ordinary text: special-token strings in it
   * become ordinary tokens. No BOS is added.
   */
  public int[] encode(String text) {
    return encode(text, false);
  }

  /**
   * The token ids of {@code text}. No BOS is added.
   *
   * @param parseSpecial whether the texts of control tokens in {@code text}, such as
   *     {@code <|begin_of_text|>}, become those tokens; only for trusted text such as a prompt
   *     template, never for user input
   */
  public int[] encode(String text, boolean parseSpecial) {
    Objects.requireNonNull(text, "text");
    EncodeSession session = new EncodeSession(vocabulary, merges);
    SpecialTokenMatcher special = parseSpecial ? specialTokens : userDefinedTokens;
    int start = 0;
    for (var match = special.find(text, 0); match != null; match = special.find(text, start)) {
      session.encodeText(text, start, match.start());
      session.append(match.id());
      start = match.end();
    }
    session.encodeText(text, start, text.length());
    return session.tokens();
  }

  /**
   * The text of {@code ids}, with control tokens left out. Bytes are joined before they are
   * decoded, so a character split over several tokens comes out whole; bytes that are not valid
   * UTF-8 become U+FFFD.
   *
   * @throws IllegalArgumentException naming an id out of range and the vocabulary size
   */
  public String decode(int[] ids) {
    return decode(ids, false);
  }

  /**
   * The text of {@code ids}, as {@link #decode(int[])}, but with control tokens written as their
   * text ({@code <|eot_id|>}) when {@code renderControl} is true.
   */
  public String decode(int[] ids, boolean renderControl) {
    int length = 0;
    for (int id : ids) {
      if (vocabulary.isRendered(id, renderControl)) {
        length = Math.addExact(length, vocabulary.length(id));
      }
    }
    byte[] bytes = new byte[length];
    int at = 0;
    for (int id : ids) {
      if (vocabulary.isRendered(id, renderControl)) {
        vocabulary.copyBytes(id, bytes, at);
        at += vocabulary.length(id);
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A decoder for one generated sequence that leaves control tokens out. */
  public StreamingDecoder streamingDecoder() {
    return streamingDecoder(false);
  }

  /** A decoder for one generated sequence; control tokens appear as text if {@code renderControl}. */
  public StreamingDecoder streamingDecoder(boolean renderControl) {
    return new StreamingDecoder(vocabulary, renderControl);
  }

  /** {@code <|begin_of_text|>}, which starts every Llama 3 prompt. */
  public int bos() {
    return bos;
  }

  /** {@code <|eot_id|>}, which ends a turn and so the answer of a chat or guard model. */
  public int eos() {
    return eos;
  }

  /** Whether generation stops at {@code id}: {@code <|eot_id|>}, {@code <|eom_id|>} or {@code <|end_of_text|>}. */
  public boolean isEndOfGeneration(int id) {
    for (int end : endOfGeneration) {
      if (id == end) {
        return true;
      }
    }
    return false;
  }

  /** The id of the control or user-defined token with this text, such as {@code <|eot_id|>}. */
  public OptionalInt specialToken(String text) {
    return vocabulary.special(Objects.requireNonNull(text, "text"));
  }

  public int vocabularySize() {
    return vocabulary.size();
  }

  /**
   * Token {@code id} as the vocabulary writes it: the byte-level spelling for normal tokens
   * ({@code Ġhello} for " hello"), the text for the others ({@code <|eot_id|>}).
   *
   * @throws IllegalArgumentException naming an id out of range and the vocabulary size
   */
  public String piece(int id) {
    return vocabulary.spelling(id);
  }

  /**
   * The bytes token {@code id} stands for (for a control token, the UTF-8 of its text); a fresh
   * copy.
   *
   * @throws IllegalArgumentException naming an id out of range and the vocabulary size
   */
  public byte[] tokenBytes(int id) {
    return vocabulary.bytes(id);
  }

  @Override
  public String toString() {
    return "Tokenizer[" + vocabulary.size() + " tokens, " + merges.size() + " merges]";
  }

  private int requireControl(String text) {
    int id = vocabulary.special(text).orElse(-1);
    if (id < 0 || vocabulary.kind(id) != TokenKind.CONTROL) {
      throw new IllegalArgumentException(
          "the vocabulary has no control token " + text + "; is it a Llama 3 vocabulary?");
    }
    return id;
  }
}
