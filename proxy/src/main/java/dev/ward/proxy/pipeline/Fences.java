package dev.ward.proxy.pipeline;

/** Markdown code fences in a streamed answer (lines opening with three backticks or tildes). */
final class Fences {
  private Fences() {}

  /**
   * Where the code block still open at {@code end} starts (its fence line), or {@code end} when
   * every block before it is closed. A fence closes with the same character, at least as long.
   */
  static int openFenceStart(CharSequence text, int end) {
    int openAt = -1;
    char openChar = 0;
    int openLength = 0;
    int line = 0;
    while (line < end) {
      int next = line;
      while (next < text.length() && text.charAt(next) != '\n') {
        next++;
      }
      int i = line;
      int indent = 0;
      while (i < next && text.charAt(i) == ' ' && indent < 4) {
        i++;
        indent++;
      }
      if (indent < 4 && i < next && (text.charAt(i) == '`' || text.charAt(i) == '~')) {
        char c = text.charAt(i);
        int run = 0;
        while (i + run < next && text.charAt(i + run) == c) {
          run++;
        }
        // A fence line still being written ("``" so far) may yet become one: treat it as open.
        boolean lineComplete = next < end;
        if (openAt < 0 && (run >= 3 || !lineComplete && run == next - i)) {
          openAt = line;
          openChar = c;
          openLength = Math.max(run, 3);
        } else if (openAt >= 0 && c == openChar && run >= openLength && lineComplete
            && text.subSequence(i + run, next).toString().isBlank()) {
          openAt = -1;
        }
      }
      line = next + 1;
    }
    return openAt < 0 ? end : Math.min(openAt, end);
  }
}
