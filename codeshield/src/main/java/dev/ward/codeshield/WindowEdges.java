package dev.ward.codeshield;

import dev.ward.codeshield.lang.Language;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a cut-off window of code really starts and ends, read with a rough lexer: a start inside a
 * block comment, a multi-line string or a Python docstring, and an end inside brackets, a comment
 * or a triple-quoted string. {@link Prepared} uses these to hand the grammar text it can parse.
 * Every edit keeps line numbers: starts are blanked in place, closers are appended after the code.
 */
final class WindowEdges {
  private WindowEdges() {}

  /**
   * Whether the first triple quote looks like the end of a string: text before it on its line
   * that does not end the way code before a string does ({@code =}, {@code (}, {@code return}...);
   * with nothing before it, not text after it (a docstring's first words) unless that text closes
   * a call; a lone triple quote is an end in the window's first half (a window that starts inside
   * a docstring) and a start in its second half (a window cut inside a string); otherwise, a
   * previous line that is not a header or an open continuation.
   */
  static boolean firstTripleQuoteCloses(String code) {
    int at = firstTripleQuote(code);
    int lineStart = code.lastIndexOf('\n', at) + 1;
    String before = code.substring(lineStart, at).strip().replaceFirst("(?i)(^|[^\\w])[rbfu]{1,2}$", "$1").strip();
    if (!before.isEmpty()) {
      return !before.matches("(?s).*([=(\\[{,:+%]|\\breturn|\\byield|\\bprint)");
    }
    int lineEnd = code.indexOf('\n', at);
    String after = code.substring(at + 3, lineEnd < 0 ? code.length() : lineEnd).strip();
    if (!after.isEmpty()) {
      return after.matches("[)\\],.%;}].*");
    }
    if (firstTripleQuote(code.substring(at + 3)) < 0) {
      int linesBefore = count(code.substring(0, at), '\n');
      int linesAfter = count(code.substring(at), '\n');
      if (linesBefore != linesAfter) {
        return linesBefore < linesAfter;
      }
    }
    String previous = code.substring(0, lineStart).stripTrailing();
    return !previous.isEmpty() && ":([{,=\\".indexOf(previous.charAt(previous.length() - 1)) < 0;
  }

  private static int firstTripleQuote(String code) {
    int first = -1;
    for (String quotes : new String[] {"\"\"\"", "\'\'\'"}) {
      int at = code.indexOf(quotes);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /**
   * The code with the start that lies inside a block comment or a multi-line string blanked: text
   * the grammar would read as code, whose error recovery is slow (a license, a JSON document in a
   * Rust raw string) and throws off the lines after it. Blanks are spaces and newlines stay, so
   * nothing moves. Commented-out code stays: it parses as code, and a reviewer (and CyberSecEval)
   * wants to hear about it.
   */
  static String blankUnopenedStart(String code) {
    String uncommented = blankUnopenedProseComment(code);
    return blankTo(uncommented, unopenedStringEnd(uncommented));
  }

  /**
   * The code with the end of a block comment it starts inside blanked, if the comment reads as
   * prose: a {@code *}{@code /} before any {@code /}{@code *} and outside any literal on its
   * line, after lines most of which do not end the way statements and blocks do.
   */
  private static String blankUnopenedProseComment(String code) {
    int end = unopenedBlockCommentEnd(code);
    return end >= 0 && readsAsProse(code.substring(0, end - 2)) ? blankTo(code, end) : code;
  }

  private static boolean readsAsProse(String text) {
    int lines = 0;
    int code = 0;
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.equals("*")) {
        lines++;
        code += ";{})".indexOf(t.charAt(t.length() - 1)) >= 0 ? 1 : 0;
      }
    }
    return code * 2 < lines || lines == 0;
  }

  private static String blankTo(String code, int end) {
    if (end < 0) {
      return code;
    }
    StringBuilder out = new StringBuilder(code.length());
    for (int i = 0; i < end; i++) {
      out.append(code.charAt(i) == '\n' ? '\n' : ' ');
    }
    return out.append(code, end, code.length()).toString();
  }

  private static int unopenedBlockCommentEnd(String code) {
    int close = code.indexOf("*/");
    int open = code.indexOf("/*");
    if (close < 0 || (open >= 0 && open < close)) {
      return -1;
    }
    String before = code.substring(code.lastIndexOf('\n', close) + 1, close);
    boolean inLiteral = count(before, '"') % 2 == 1 || count(before, '`') % 2 == 1 || count(before, '/') % 2 == 1;
    return inLiteral ? -1 : close + 2;
  }

  /**
   * Where a multi-line string the code starts inside ends (help text, a JSON document in a Rust
   * raw string), or -1. Only an end that cannot be code counts, so ordinary code is never
   * blanked: on the first line with an odd number of quotes, a quote (Rust: with its {@code #}s)
   * followed by what follows a string ({@code ;}, {@code ,}, {@code )}) and by pairs of quotes
   * only.
   */
  private static int unopenedStringEnd(String code) {
    for (int lineStart = 0; lineStart < code.length(); ) {
      int eol = code.indexOf('\n', lineStart);
      eol = eol < 0 ? code.length() : eol;
      List<Integer> quotes = quotes(code, lineStart, eol);
      if (quotes.size() % 2 == 1) {
        for (int k = 0; k < quotes.size(); k += 2) { // an even number of quotes after it
          int end = stringEnd(code, quotes.get(k), eol);
          if (end >= 0) {
            return hasRawStringOpener(code, quotes.get(k)) ? -1 : end;
          }
        }
        return -1;
      }
      lineStart = eol + 1;
    }
    return -1;
  }

  /** Offsets of the double quotes in {@code [from, to)}, without escaped ones and {@code '"'}. */
  private static List<Integer> quotes(String code, int from, int to) {
    List<Integer> quotes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (code.charAt(i) == '\\') {
        i++;
      } else if (code.charAt(i) == '"' && !(i > from && code.charAt(i - 1) == '\'' && i + 1 < to && code.charAt(i + 1) == '\'')) {
        quotes.add(i);
      }
    }
    return quotes;
  }

  /** Where a string closed by the quote at {@code quote} ends, or -1 if what follows is not what follows a string. */
  private static int stringEnd(String code, int quote, int eol) {
    int end = quote + 1;
    while (end < eol && code.charAt(end) == '#') {
      end++;
    }
    String rest = code.substring(end, eol).strip();
    boolean raw = end > quote + 1;
    boolean follows = rest.isEmpty() ? raw : (raw ? ",);." : ",);").indexOf(rest.charAt(0)) >= 0;
    return follows ? end : -1;
  }

  private static boolean hasRawStringOpener(String code, int before) {
    for (int r = code.indexOf("r#"); r >= 0 && r < before; r = code.indexOf("r#", r + 1)) {
      int i = r + 1;
      while (i < code.length() && code.charAt(i) == '#') {
        i++;
      }
      if (i < code.length() && code.charAt(i) == '"') {
        return true;
      }
    }
    return false;
  }

  private static int count(String text, char c) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /**
   * Appends the closers of brackets the code opens and never closes (a truncated answer), on a new
   * line after the code, after closing a block comment or Python triple-quoted string the code
   * ends inside. Strings and comments are skipped with a rough lexer. Closers before any opener
   * are ignored (the window starts inside a block); a closer of the wrong kind ends the attempt,
   * as the code then is not a simple truncation.
   */
  static String closeBrackets(String code, Language language) {
    boolean python = language == Language.PYTHON;
    StringBuilder open = new StringBuilder();
    String unterminated = "";
    int n = code.length();
    for (int i = 0; i < n; i++) {
      char c = code.charAt(i);
      if (python ? c == '#' : c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
        int eol = code.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (!python && c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
        int close = code.indexOf("*/", i + 2);
        unterminated = close < 0 ? "*/" : "";
        i = close < 0 ? n : close + 1;
      } else if (python && (code.startsWith("\"\"\"", i) || code.startsWith("\'\'\'", i))) {
        String quotes = code.substring(i, i + 3);
        int close = code.indexOf(quotes, i + 3);
        unterminated = close < 0 ? quotes : "";
        i = close < 0 ? n : close + 2;
      } else if (c == '"' || c == '\'' || (!python && c == '`')) {
        i = endOfString(code, i, c);
      } else if (c == '(' || c == '[' || c == '{') {
        open.append(c);
      } else if ((c == ')' || c == ']' || c == '}') && !open.isEmpty()) {
        if (open.charAt(open.length() - 1) != opener(c)) {
          return code;
        }
        open.setLength(open.length() - 1);
      }
    }
    if (open.length() > 64 || (open.isEmpty() && unterminated.isEmpty())) {
      return code;
    }
    StringBuilder closers = new StringBuilder(unterminated).append('\n');
    for (int i = open.length() - 1; i >= 0; i--) {
      closers.append(closer(open.charAt(i)));
    }
    return code + closers;
  }

  /** The index of the closing quote, or of the line end for an unterminated '' or "" string. */
  private static int endOfString(String code, int start, char quote) {
    for (int i = start + 1; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      } else if (c == '\n' && quote != '`') {
        return i;
      }
    }
    return code.length();
  }

  private static char opener(char closer) {
    return closer == ')' ? '(' : closer == ']' ? '[' : '{';
  }

  private static char closer(char opener) {
    return opener == '(' ? ')' : opener == '[' ? ']' : '}';
  }

  /**
   * The code with every line up to the first triple quote blanked (kept as an empty line): what
   * the code is if it starts inside a docstring that this quote closes.
   */
  static String blankToFirstTripleQuote(String code) {
    int first = firstTripleQuote(code);
    if (first < 0) {
      return code;
    }
    int eol = code.indexOf('\n', first);
    int end = eol < 0 ? code.length() : eol;
    return code.substring(0, end).replaceAll("[^\n]", "") + code.substring(end);
  }

}
