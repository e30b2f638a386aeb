package dev.ward.codeshield;

import dev.ward.codeshield.pattern.Bound;
import dev.ward.codeshield.pattern.Match;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule messages with {@code $X} replaced by what {@code $X} matched, as Semgrep does. A
 * metavariable the match did not bind (one branch of a {@code pattern-either} binds {@code $F},
 * another does not) is replaced by the matched code rather than shown as {@code $F}.
 */
final class Messages {
  private static final Pattern METAVARIABLE = Pattern.compile("\\$([A-Z_][A-Z0-9_]*|[0-9]+)\\b");
  /** Long bindings are cut: a message names code, it does not reproduce it. */
  private static final int MAX_BOUND_CHARS = 60;

  private Messages() {}

  /**
   * {@code matched} is the code of the whole match, for metavariables it did not bind. Only the
   * first characters of a binding are read: a match can span megabytes (a deep nest), and a
   * message is built for every finding.
   */
  static String interpolate(String message, Match match, CharSequence matched) {
    Matcher m = METAVARIABLE.matcher(message.strip());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Optional<Bound> bound = match.bindings().get(m.group(1));
      String text = bound.map(b -> shorten(b.chars())).orElseGet(() -> shorten(matched));
      m.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String shorten(CharSequence code) {
    // Whitespace runs collapse to one space, so the head needed is bounded by what is kept
    // unless the code is mostly whitespace; a few times the kept length covers what matters.
    CharSequence head = code.length() > 8 * MAX_BOUND_CHARS ? code.subSequence(0, 8 * MAX_BOUND_CHARS) : code;
    String oneLine = head.toString().strip().replaceAll("\\s+", " ");
    return oneLine.length() > MAX_BOUND_CHARS || head.length() < code.length()
        ? oneLine.substring(0, Math.min(oneLine.length(), MAX_BOUND_CHARS - 1)) + "…" : oneLine;
  }
}
