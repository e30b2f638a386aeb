package dev.ward.guard.tokenizer;

/**
 * How the tokenizer treats a vocabulary entry. GGUF stores six token types; in a byte-level BPE
 * vocabulary they collapse to these four behaviours, the way llama.cpp treats them.
 */
enum TokenKind {
  /** Byte-level text: produced by BPE from ordinary text and decoded back to its bytes. */
  NORMAL,
  /**
   * A control token such as {@code <|eot_id|>}: produced only when the caller asks for special
   * tokens to be parsed, and rendered as text only on request. GGUF "unknown" tokens behave so too.
   */
  CONTROL,
  /** Raw text the model's author added: always recognised in text and always rendered. */
  USER_DEFINED,
  /**
   * Never produced by encoding and never rendered: GGUF "unused" tokens, and "byte" tokens, which
   * only sentencepiece vocabularies use (a byte-level vocabulary spells bytes as normal tokens).
   */
  UNUSED;

  /**
   * The kind of a GGUF {@code tokenizer.ggml.token_type} value (1 normal, 2 unknown, 3 control,
   * 4 user-defined, 5 unused, 6 byte).
   *
   * @throws IllegalArgumentException naming the token for any other value
   */
  static TokenKind ofGgufType(int type, int tokenIndex) {
    return switch (type) {
      case 1 -> NORMAL;
      case 2, 3 -> CONTROL;
      case 4 -> USER_DEFINED;
      case 5, 6 -> UNUSED;
      default -> throw new IllegalArgumentException(
          "token " + tokenIndex + " has type " + type + "; GGUF token types are 1 to 6");
    };
  }
}
