package dev.ward.codeshield;

import com.google.re2j.Pattern;
import dev.ward.codeshield.lang.Language;
import java.util.List;
import java.util.TreeSet;

/**
 * Code made parseable as a fragment, and the way back to the original positions. LLM answers and
 * benchmark windows are often fragments: PHP without its {@code <?php} tag (which Tree-sitter
 * would read as HTML text), Python cut from the middle of an indented block (which would start
 * with an "unexpected indent") or of a docstring, and answers truncated before their closing
 * braces. We add what the grammar needs around the code and map findings back; nothing is added
 * between two lines of the code, so lines keep their numbers.
 *
 * @param text what to parse
 * @param prefixLines lines added before the code
 * @param prefixColumns characters added before the code on its first line
 * @param removedIndent leading spaces removed from every line
 */
record Prepared(String text, int prefixLines, int prefixColumns, int removedIndent) {
  /** Markup before a PHP tag: {@code <div}, {@code </script>}, {@code <!--}. */
  private static final Pattern MARKUP = Pattern.compile("<[A-Za-z!/]");

  /**
   * The preparation to parse first, then others to try when that one's tree has syntax errors:
   * for Python, the window may start inside a docstring, which no count of quotes can tell
   * reliably (the window may also end inside another). When the first triple quote reads as the
   * end of a docstring, the code without the docstring's tail goes first: prose parsed as code is
   * slow to recover from.
   */
  static List<Prepared> candidates(String code, Language language) {
    Prepared asIs = of(code, language);
    if (language == Language.PYTHON) {
      String blanked = WindowEdges.blankToFirstTripleQuote(code);
      if (!blanked.equals(code)) {
        return WindowEdges.firstTripleQuoteCloses(code) ? List.of(python(blanked), asIs) : List.of(asIs, python(blanked));
      }
    }
    return List.of(asIs);
  }

  static Prepared of(String code, Language language) {
    return switch (language) {
      case PHP -> {
        // A template (markup first) is HTML until a <?php tag, which is what the grammar does
        // without a tag; only bare PHP statements need one. A "<?" later in the code (an XML
        // prolog in a string) does not make the statements before it markup.
        yield phpTemplate(code) ? plain(code) : new Prepared("<?php " + WindowEdges.closeBrackets(WindowEdges.blankUnopenedStart(code), language), 0, 6, 0);
      }
      case PYTHON -> python(code);
      case RUBY -> plain(code);
      default -> plain(WindowEdges.closeBrackets(WindowEdges.blankUnopenedStart(code), language));
    };
  }

  /**
   * Whether the code opens as markup: it starts with a tag, or markup ({@code <div}, {@code </script>})
   * comes before its first PHP tag and no {@code ?>} closing one (which would mean PHP came first).
   */
  private static boolean phpTemplate(String code) {
    if (code.stripLeading().startsWith("<")) {
      return true;
    }
    int tag = code.indexOf("<?");
    if (tag < 0) {
      return false;
    }
    String before = code.substring(0, tag);
    return MARKUP.matcher(before).find() && !before.contains("?>");
  }

  /**
   * The code as rules match it, offset for offset: for PHP with function calls in lower case (see
   * {@link #lowerCaseFunctionCalls}), else as it is.
   */
  static String matchable(String code, Language language) {
    return language == Language.PHP ? lowerCaseFunctionCalls(code) : code;
  }

  /**
   * PHP function names are case-insensitive ({@code SYSTEM(...)} runs {@code system}), and rules
   * name them in their canonical lower case: so names called as functions are lower-cased (ASCII
   * only, so every offset stays). Variables ({@code $Cmd(...)}), methods ({@code ->Run(},
   * {@code ::Run(}) and classes ({@code new PDO(}) keep their case.
   */
  private static String lowerCaseFunctionCalls(String code) {
    char[] chars = null;
    int n = code.length();
    for (int i = 0; i < n; ) {
      char c = code.charAt(i);
      if (!Character.isLetter(c) && c != '_') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_')) {
        i++;
      }
      if (!hasUpperAscii(code, start, i) || !calledAt(code, i) || !plainNameAt(code, start)) {
        continue;
      }
      if (chars == null) {
        chars = code.toCharArray();
      }
      for (int k = start; k < i; k++) {
        if (chars[k] >= 'A' && chars[k] <= 'Z') {
          chars[k] = (char) (chars[k] + ('a' - 'A'));
        }
      }
    }
    return chars == null ? code : new String(chars);
  }

  private static boolean hasUpperAscii(String code, int from, int to) {
    for (int k = from; k < to; k++) {
      if (code.charAt(k) >= 'A' && code.charAt(k) <= 'Z') {
        return true;
      }
    }
    return false;
  }

  /** Whether an opening parenthesis follows {@code end}, after blanks. */
  private static boolean calledAt(String code, int end) {
    int k = end;
    while (k < code.length() && (code.charAt(k) == ' ' || code.charAt(k) == '\t')) {
      k++;
    }
    return k < code.length() && code.charAt(k) == '(';
  }

  /** Whether the name at {@code start} is a plain function name, not a variable, member or class. */
  private static boolean plainNameAt(String code, int start) {
    int k = start - 1;
    if (k >= 0 && (code.charAt(k) == '$' || code.charAt(k) == '>' || code.charAt(k) == ':'
        || code.charAt(k) == '\\' && k > 0 && Character.isLetterOrDigit(code.charAt(k - 1)))) {
      return false;
    }
    while (k >= 0 && (code.charAt(k) == ' ' || code.charAt(k) == '\t')) {
      k--;
    }
    return !(k >= 2 && code.startsWith("new", k - 2) && (k < 3 || !Character.isLetterOrDigit(code.charAt(k - 3))))
        && !(k >= 7 && code.startsWith("function", k - 7));
  }

  private static Prepared plain(String code) {
    return new Prepared(code, 0, 0, 0);
  }

  /**
   * Removes the indentation common to all lines; if the first line is still indented (the window
   * starts inside a nested block), opens one {@code if True:} block per indentation level that
   * the code later returns to, so every line sits in a valid block.
   */
  private static Prepared python(String code) {
    String[] lines = code.split("\n", -1);
    int common = Integer.MAX_VALUE;
    int first = -1;
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank() && !lines[i].stripLeading().startsWith("#")) {
        common = Math.min(common, indent(lines[i]));
        if (first < 0) {
          first = i;
        }
      }
    }
    if (first < 0 || (common == 0 && indent(lines[first]) == 0)) {
      return plain(WindowEdges.closeBrackets(code, Language.PYTHON));
    }
    if (hasTabs(lines)) {
      return plain(WindowEdges.closeBrackets(code, Language.PYTHON)); // mixed tabs would make column arithmetic wrong
    }
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        body.append('\n');
      }
      // only blank and comment lines can be indented less than the code
      body.append(indent(lines[i]) >= common ? lines[i].substring(common) : lines[i].stripLeading());
    }
    int firstIndent = indent(lines[first]) - common;
    if (firstIndent == 0) {
      return new Prepared(WindowEdges.closeBrackets(body.toString(), Language.PYTHON), 0, 0, common);
    }
    TreeSet<Integer> levels = new TreeSet<>();
    levels.add(0);
    for (int i = first + 1; i < lines.length; i++) {
      if (!lines[i].isBlank() && !lines[i].stripLeading().startsWith("#") && indent(lines[i]) - common < firstIndent) {
        levels.add(indent(lines[i]) - common);
      }
    }
    StringBuilder header = new StringBuilder();
    for (int level : levels) {
      header.append(" ".repeat(level)).append("if True:\n");
    }
    return new Prepared(WindowEdges.closeBrackets(header + body.toString(), Language.PYTHON), levels.size(), 0, common);
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static boolean hasTabs(String[] lines) {
    for (String line : lines) {
      if (!line.isEmpty() && line.charAt(0) == '\t') {
        return true;
      }
    }
    return false;
  }

  /** 0-based line in the original code for a 0-based line of {@link #text}. */
  int originalLine(int line) {
    return Math.max(0, line - prefixLines);
  }

  /** 0-based column in the original code. */
  int originalColumn(int line, int column) {
    int c = column + removedIndent;
    return line == prefixLines ? Math.max(0, c - prefixColumns) : c;
  }
}
