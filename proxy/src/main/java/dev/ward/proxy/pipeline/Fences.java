package dev.ward.proxy.pipeline;

/**
 * Markdown code fences in a streamed answer (lines opening with three backticks or tildes, at any
 * indentation, as Code Shield reads them). One per stream: each complete line is read once, as
 * the checked part of the answer grows, so a long answer costs what it weighs rather than a
 * rescan from its start on every chunk.
 */
final class Fences {
  /** Start of the first line not yet read whole. */
  private int readTo;
  /** Start of the fence line of the block open after the lines read, or -1. */
  private int openAt = -1;
  private char openChar;
  private int openLength;

  /**
   * Where the code block still open at {@code end} starts (its fence line), or {@code end} when
   * every block before it is closed. A fence closes with the same character, at least as long.
   * {@code end} never decreases from one call to the next, and the text before it never changes.
   */
  int openFenceStart(CharSequence text, int end) {
    for (int newline = indexOfNewline(text, readTo, end); newline >= 0;
        newline = indexOfNewline(text, readTo, end)) {
      completeLine(text, readTo, newline);
      readTo = newline + 1;
    }
    if (openAt >= 0) {
      return Math.min(openAt, end);
    }
    // A fence line still being written ("``" so far) may yet become one: treat it as open.
    return readTo < end && mayOpen(text, readTo, end) ? readTo : end;
  }

  private void completeLine(CharSequence text, int from, int to) {
    int i = firstNonSpace(text, from, to);
    if (i >= to || (text.charAt(i) != '`' && text.charAt(i) != '~')) {
      return;
    }
    char c = text.charAt(i);
    int run = run(text, i, to, c);
    if (openAt < 0) {
      if (run >= 3) {
        openAt = from;
        openChar = c;
        openLength = run;
      }
    } else if (c == openChar && run >= openLength && isBlank(text, i + run, to)) {
      openAt = -1;
    }
  }

  private static boolean mayOpen(CharSequence text, int from, int to) {
    int i = firstNonSpace(text, from, to);
    if (i >= to || (text.charAt(i) != '`' && text.charAt(i) != '~')) {
      return false;
    }
    int run = run(text, i, to, text.charAt(i));
    return run >= 3 || i + run == to;
  }

  /**
   * The next line end: a LF or a lone CR, as Code Shield splits lines (a CRLF then reads as a
   * line and an empty one, which opens and closes nothing). Reading only LF would leave an
   * answer written with CRs without fences here while Code Shield finds its blocks, and release
   * a block's lines before it is complete.
   */
  private static int indexOfNewline(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        return i;
      }
    }
    return -1;
  }

  private static int firstNonSpace(CharSequence text, int from, int to) {
    int i = from;
    while (i < to && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static int run(CharSequence text, int from, int to, char c) {
    int run = 0;
    while (from + run < to && text.charAt(from + run) == c) {
      run++;
    }
    return run;
  }

  private static boolean isBlank(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
