package dev.ward.codeshield;

import dev.ward.codeshield.lang.Language;
import java.util.TreeSet;

/**
 * Code made parseable as a fragment, and the way back to the original positions. LLM answers and
 * benchmark windows are often fragments: PHP without its {@code <?php} tag (which Tree-sitter
 * would read as HTML text), Python cut from the middle of an indented block (which would start
 * with an "unexpected indent"). We add what the grammar needs in front and map findings back.
 *
 * @param text what to parse
 * @param prefixLines lines added before the code
 * @param prefixColumns characters added before the code on its first line
 * @param removedIndent leading spaces removed from every line
 */
record Prepared(String text, int prefixLines, int prefixColumns, int removedIndent) {
  static Prepared of(String code, Language language) {
    return switch (language) {
      case PHP -> code.contains("<?") ? plain(code) : new Prepared("<?php " + code, 0, 6, 0);
      case PYTHON -> python(code);
      default -> plain(code);
    };
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
      return plain(code);
    }
    if (hasTabs(lines)) {
      return plain(code); // mixed tabs would make column arithmetic wrong; parse as is
    }
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        body.append('\n');
      }
      body.append(lines[i].length() >= common ? lines[i].substring(common) : lines[i].stripLeading());
    }
    int firstIndent = indent(lines[first]) - common;
    if (firstIndent == 0) {
      return new Prepared(body.toString(), 0, 0, common);
    }
    TreeSet<Integer> levels = new TreeSet<>();
    levels.add(0);
    for (int i = first + 1; i < lines.length; i++) {
      if (!lines[i].isBlank() && indent(lines[i]) - common < firstIndent) {
        levels.add(indent(lines[i]) - common);
      }
    }
    StringBuilder header = new StringBuilder();
    for (int level : levels) {
      header.append(" ".repeat(level)).append("if True:\n");
    }
    return new Prepared(header + body.toString(), levels.size(), 0, common);
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
