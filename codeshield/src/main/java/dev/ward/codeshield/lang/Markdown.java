package dev.ward.codeshield.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Extracts fenced code blocks from an LLM answer, CommonMark-style: a fence is three or more
 * backticks or tildes, closed by a fence of the same character at least as long. An unclosed
 * fence runs to the end of the answer (answers get truncated). Lines end at {@code \n},
 * {@code \r\n} or a lone {@code \r}, as in CommonMark. Unlike CommonMark, a fence may be indented
 * any amount: inside a list item it is, and a block a renderer shows as code must not go
 * unscanned. One linear pass over the lines, so a 1 MB line costs what it weighs.
 */
public final class Markdown {
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  /** Where a fence's language tag ends: the info string's first space, `{` or `,`. */
  private static final Pattern TAG_END = Pattern.compile("[\\s{,]");

  private Markdown() {}

  /** One fenced block: its opening fence, its first content line and the line after its end. */
  private record Span(Fence open, int first, int end) {}

  /**
   * An answer read once: its fenced blocks, and the text outside them with each line of a block
   * and of its fences left empty (lines joined by {@code \n}), so line numbers still count the
   * answer's lines.
   */
  public record Parts(List<CodeBlock> blocks, String outside) {}

  public static List<CodeBlock> codeBlocks(String answer) {
    return parts(answer).blocks();
  }

  public static Parts parts(String answer) {
    String[] lines = lines(answer);
    List<CodeBlock> blocks = new ArrayList<>();
    for (Span span : spans(lines)) {
      StringBuilder code = new StringBuilder();
      for (int j = span.first(); j < span.end(); j++) {
        if (j > span.first()) {
          code.append('\n');
        }
        code.append(stripIndent(lines[j], span.open().indent()));
      }
      String info = span.open().info();
      String tag = info.isEmpty() ? "" : TAG_END.split(info, 2)[0];
      blocks.add(new CodeBlock(tag, code.toString(), span.first() + 1));
      for (int j = span.first() - 1; j <= span.end() && j < lines.length; j++) {
        lines[j] = "";
      }
    }
    return new Parts(List.copyOf(blocks), String.join("\n", lines));
  }

  private static String[] lines(String answer) {
    return LINE_BREAK.split(answer, -1);
  }

  private static List<Span> spans(String[] lines) {
    List<Span> spans = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      Fence open = Fence.parse(lines[i]);
      if (open == null || (open.marker == '`' && open.info.contains("`"))) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < lines.length) {
        Fence close = Fence.parse(lines[j]);
        if (close != null && close.marker == open.marker && close.length >= open.length && close.info.isEmpty()) {
          break;
        }
        j++;
      }
      spans.add(new Span(open, i + 1, j));
      i = j + 1;
    }
    return spans;
  }

  private static String stripIndent(String line, int indent) {
    int n = 0;
    while (n < indent && n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return line.substring(n);
  }

  private record Fence(char marker, int length, int indent, String info) {
    static Fence parse(String line) {
      int indent = 0;
      while (indent < line.length() && line.charAt(indent) == ' ') {
        indent++;
      }
      if (indent >= line.length()) {
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
