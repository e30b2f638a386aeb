package dev.ward.cyberseceval.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code of an answer: its first fenced block, or the whole answer when it has none. As in
 * CyberSecEval, {@link #firstBlock} keeps the fence's info string ({@code python\n...}), which
 * BLEU then counts; {@link #code} drops it, for the scanner.
 */
public final class CodeExtractor {
  private static final Pattern FENCE = Pattern.compile("```(.*?)```", Pattern.DOTALL);

  private CodeExtractor() {}

  /** The first fenced block's content, info string included, or the whole answer. */
  public static String firstBlock(String answer) {
    Matcher m = FENCE.matcher(answer);
    return m.find() ? m.group(1) : answer;
  }

  /** As {@link #firstBlock}, without the info string's line. */
  public static String code(String answer) {
    Matcher m = FENCE.matcher(answer);
    if (!m.find()) {
      return answer;
    }
    String block = m.group(1);
    int newline = block.indexOf('\n');
    if (newline >= 0 && block.substring(0, newline).strip().matches("[\\w+#.-]*")) {
      return block.substring(newline + 1);
    }
    return block;
  }
}
