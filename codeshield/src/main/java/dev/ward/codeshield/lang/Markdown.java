package dev.ward.codeshield.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Extracts fenced code blocks from an LLM answer, CommonMark-style: a fence is three or more
 * backticks or tildes, indented at most three spaces, closed by a fence of the same character at
 * least as long. An unclosed fence runs to the end of the answer (answers get truncated). One
 * linear pass over the lines, so a 1 MB line costs what it weighs.
 */
public final class Markdown {
  private Markdown() {}

  public static List<CodeBlock> codeBlocks(String answer) {
    List<CodeBlock> blocks = new ArrayList<>();
    String[] lines = answer.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      Fence open = Fence.parse(lines[i]);
      if (open == null || (open.marker == '`' && open.info.contains("`"))) {
        i++;
        continue;
      }
      StringBuilder code = new StringBuilder();
      int first = i + 1;
      int j = first;
      while (j < lines.length) {
        Fence close = Fence.parse(lines[j]);
        if (close != null && close.marker == open.marker && close.length >= open.length && close.info.isEmpty()) {
          break;
        }
        if (j > first) {
          code.append('\n');
        }
        code.append(stripIndent(stripCr(lines[j]), open.indent));
        j++;
      }
      String tag = open.info.isEmpty() ? "" : open.info.split("[\\s{,]", 2)[0];
      blocks.add(new CodeBlock(tag, code.toString(), first + 1));
      i = j + 1;
    }
    return blocks;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String stripIndent(String line, int indent) {
    int n = 0;
    while (n < indent && n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return line.substring(n);
  }

  private record Fence(char marker, int length, int indent, String info) {
    static Fence parse(String rawLine) {
      String line = stripCr(rawLine);
      int indent = 0;
      while (indent < line.length() && indent < 4 && line.charAt(indent) == ' ') {
        indent++;
      }
      if (indent > 3 || indent >= line.length()) {
        return null;
      }
      char c = line.charAt(indent);
      if (c != '`' && c != '~') {
        return null;
      }
      int end = indent;
      while (end < line.length() && line.charAt(end) == c) {
        end++;
      }
      if (end - indent < 3) {
        return null;
      }
      return new Fence(c, end - indent, indent, line.substring(end).strip());
    }
  }
}
