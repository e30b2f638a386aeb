package dev.ward.guard.tokenizer;

/**
 * Splits text into the pieces Llama 3's BPE encodes one at a time, exactly as its pre-tokenizer
 * regex does:
 *
 * <pre>{@code
 * (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * }</pre>
 *
 * with Unicode semantics throughout: {@code \s} is White_Space (so U+00A0 and U+3000 count, as in
 * the reference tokenizers) and {@code (?i)} is Unicode case-insensitive.
 *
 * <p>It is hand-written rather than a {@link java.util.regex.Pattern} because the text is
 * attacker-controlled: a backtracking engine re-scans runs such as {@code \s+(?!\S)} and can be
 * driven into quadratic time. Here each alternative is decided from the first one or two code
 * points and then consumes a run, so a piece costs time linear in its length and the whole split is
 * linear in the text. The regex itself stays in the tests as the oracle this class is checked
 * against.
 *
 * <p>How each alternative reduces to a run, for a piece starting with code point {@code c}:
 *
 * <ol>
 *   <li>an apostrophe followed by one of the contractions, ignoring case as the regex does (so
 *       {@code 'S} counts, and so does the long s in {@code 'ſ}, which case-folds to s);
 *   <li>letters, optionally preceded by one character that is none of CR, LF, letter or number;
 *   <li>one to three numbers;
 *   <li>an optional ASCII space, then a run of characters that are neither whitespace, letter nor
 *       number, then any CRs and LFs;
 *   <li>{@code \s*[\r\n]+} backtracks to the last CR or LF in the whitespace run;
 *   <li>{@code \s+(?!\S)} takes the whole run at the end of the text, and otherwise all but the
 *       run's last code point, which is left to start the next piece (" world");
 *   <li>{@code \s+} is left for a single whitespace code point before a non-whitespace one.
 * </ol>
 */
final class Llama3PreTokenizer {
  private static final byte OTHER = 0;
  private static final byte LETTER = 1;
  private static final byte NUMBER = 2;
  private static final byte SPACE = 3;
  /** The class of the code point after the end of the text. */
  private static final byte END = -1;

  private static final byte[] ASCII_CLASSES = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_CLASSES[c] = classifyByCategory(c);
    }
  }

  private Llama3PreTokenizer() {}

  /**
   * The end of the piece that starts at {@code start}.
   *
   * @param text the text being split
   * @param start where the piece starts; less than {@code limit}
   * @param limit where the text ends for this split (a special token may follow it)
   * @return the exclusive end of the piece, greater than {@code start} and at most {@code limit}
   */
  static int pieceEnd(String text, int start, int limit) {
    int first = codePointAt(text, start, limit);
    int afterFirst = start + Character.charCount(first);
    byte firstClass = classOf(first);
    byte secondClass =
        afterFirst < limit ? classOf(codePointAt(text, afterFirst, limit)) : END;

    if (first == '\'') {
      int end = contractionEnd(text, afterFirst, limit);
      if (end >= 0) {
        return end;
      }
    }
    if (firstClass == LETTER
        || (firstClass != NUMBER && first != '\r' && first != '\n' && secondClass == LETTER)) {
      return skipRun(text, afterFirst, limit, LETTER, Integer.MAX_VALUE);
    }
    if (firstClass == NUMBER) {
      return skipRun(text, afterFirst, limit, NUMBER, 2);
    }
    if (firstClass == OTHER || (first == ' ' && secondClass == OTHER)) {
      int end = skipRun(text, afterFirst, limit, OTHER, Integer.MAX_VALUE);
      while (end < limit && isNewline(text.charAt(end))) {
        end++;
      }
      return end;
    }
    return whitespaceEnd(text, start, limit);
  }

  /** Alternatives 5 to 7 for a piece that starts with whitespace. */
  private static int whitespaceEnd(String text, int start, int limit) {
    int end = start;
    int lastStart = start;
    int afterLastNewline = -1;
    while (end < limit) {
      char c = text.charAt(end); // every White_Space code point is in the BMP
      if (classOf(c) != SPACE) {
        break;
      }
      lastStart = end;
      end++;
      if (isNewline(c)) {
        afterLastNewline = end;
      }
    }
    if (afterLastNewline >= 0) {
      return afterLastNewline;
    }
    return end == limit || lastStart == start ? end : lastStart;
  }

  /** The end of {@code 's}, {@code 't}, {@code 're}, {@code 've}, {@code 'm}, {@code 'll} or {@code 'd}, or -1. */
  private static int contractionEnd(String text, int afterApostrophe, int limit) {
    if (afterApostrophe >= limit) {
      return -1;
    }
    int c1 = codePointAt(text, afterApostrophe, limit);
    int afterC1 = afterApostrophe + Character.charCount(c1);
    if (foldsTo(c1, 's') || foldsTo(c1, 't') || foldsTo(c1, 'm') || foldsTo(c1, 'd')) {
      return afterC1;
    }
    if (afterC1 >= limit) {
      return -1;
    }
    int c2 = codePointAt(text, afterC1, limit);
    boolean twoLetters = (foldsTo(c1, 'r') && foldsTo(c2, 'e'))
        || (foldsTo(c1, 'v') && foldsTo(c2, 'e'))
        || (foldsTo(c1, 'l') && foldsTo(c2, 'l'));
    return twoLetters ? afterC1 + Character.charCount(c2) : -1;
  }

  /** Case-insensitive equality with a lowercase ASCII letter, as Unicode-aware regexes test it. */
  private static boolean foldsTo(int codePoint, char lower) {
    return Character.toLowerCase(Character.toUpperCase(codePoint)) == lower;
  }

  /** Skips at most {@code max} code points of class {@code wanted} from {@code from}. */
  private static int skipRun(String text, int from, int limit, byte wanted, int max) {
    int end = from;
    for (int taken = 0; taken < max && end < limit; taken++) {
      int c = codePointAt(text, end, limit);
      if (classOf(c) != wanted) {
        break;
      }
      end += Character.charCount(c);
    }
    return end;
  }

  private static boolean isNewline(char c) {
    return c == '\r' || c == '\n';
  }

  /** Like {@link String#codePointAt}, but never pairs a surrogate across {@code limit}. */
  private static int codePointAt(String text, int index, int limit) {
    char c = text.charAt(index);
    if (Character.isHighSurrogate(c) && index + 1 < limit) {
      char low = text.charAt(index + 1);
      if (Character.isLowSurrogate(low)) {
        return Character.toCodePoint(c, low);
      }
    }
    return c;
  }

  private static byte classOf(int codePoint) {
    return codePoint < 128 ? ASCII_CLASSES[codePoint] : classifyByCategory(codePoint);
  }

  /**
   * {@code \p{L}}, {@code \p{N}} and White_Space (categories Zs, Zl, Zp, plus the controls U+0009
   * to U+000D and U+0085). An unpaired surrogate falls in OTHER, like the U+FFFD it is encoded as.
   */
  private static byte classifyByCategory(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
           Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER ->
          NUMBER;
      case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
          SPACE;
      default -> (codePoint >= 0x09 && codePoint <= 0x0D) || codePoint == 0x85 ? SPACE : OTHER;
    };
  }
}
