package dev.ward.codeshield.syntax;

import dev.ward.codeshield.lang.Language;
import java.util.Arrays;

/**
 * The tree of a language Code Shield has no grammar for (only XML so far): one node for the whole
 * text and one child per {@code <!-- -->} comment, so regex rules run on it as on any tree and
 * matches inside comments do not count. One linear pass; nothing nests.
 */
final class PlainText {
  static final String DOCUMENT = "document";
  static final String COMMENT = "comment";
  private static final String OPEN = "<!--";
  private static final String CLOSE = "-->";

  private PlainText() {}

  static SyntaxTree parse(Grammar grammar, String text, int maxNodes) {
    if (grammar.language() != Language.XML) {
      throw new IllegalArgumentException("no comment syntax known for " + grammar.language());
    }
    int capacity = 8;
    int[] start = new int[capacity];
    int[] end = new int[capacity];
    int size = 1;
    for (int from = text.indexOf(OPEN); from >= 0; from = text.indexOf(OPEN, end[size - 1])) {
      if (size == maxNodes) {
        throw new ParseException(ParseException.Reason.TOO_MANY_NODES, "the text has more than " + maxNodes + " comments");
      }
      if (size == capacity) {
        capacity *= 2;
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
      }
      int stop = text.indexOf(CLOSE, from + OPEN.length());
      start[size] = from;
      end[size] = stop < 0 ? text.length() : stop + CLOSE.length(); // an unclosed comment runs to the end
      size++;
    }
    end[0] = text.length();
    int[] kind = new int[size];
    int[] subtreeEnd = new int[size];
    int[] parent = new int[size];
    subtreeEnd[0] = size;
    parent[0] = -1;
    for (int n = 1; n < size; n++) {
      kind[n] = 1;
      subtreeEnd[n] = n + 1;
    }
    return new SyntaxTree(grammar, text, size, kind, Arrays.copyOf(start, size), Arrays.copyOf(end, size), subtreeEnd,
        parent, new short[size], false);
  }

}
