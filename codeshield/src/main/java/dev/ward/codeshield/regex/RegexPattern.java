package dev.ward.codeshield.regex;

import com.google.re2j.PatternSyntaxException;
import dev.ward.codeshield.pattern.Bindings;
import dev.ward.codeshield.pattern.Bound;
import dev.ward.codeshield.pattern.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A {@code pattern-regex}: RE2/J, so matching is linear in the input whatever the expression and
 * whatever the text; attacker-controlled code cannot make it backtrack. Named groups bind
 * {@code $NAME}, numbered groups bind {@code $1}, {@code $2}... as in Semgrep. Matches that start
 * inside a comment do not count: a commented-out call is not a call.
 */
public final class RegexPattern {
  /** Bound on matches per scan, so a pattern like {@code .} on a 1 MB line cannot flood the results. */
  static final int MAX_MATCHES = 1_000;

  private final com.google.re2j.Pattern compiled;
  private final Map<String, Integer> namedGroups;
  /**
   * The same expression behind {@code \A}, for {@link #matchesPrefix}: RE2/J stops an anchored
   * match once no thread is alive only if the expression itself must start at the beginning of
   * the text, and a multi-line {@code ^} does not say so. Without it, each test would run to the
   * end of the text, O(n) per test and O(n²) over the nodes of a deep nest.
   */
  private final com.google.re2j.Pattern anchored;

  private RegexPattern(com.google.re2j.Pattern compiled, com.google.re2j.Pattern anchored) {
    this.compiled = compiled;
    this.anchored = anchored;
    this.namedGroups = compiled.namedGroups();
  }

  /** Compiles {@code regex}; a bad one is an {@link IllegalArgumentException} naming the problem. */
  public static RegexPattern compile(String regex) {
    try {
      return new RegexPattern(com.google.re2j.Pattern.compile(regex, com.google.re2j.Pattern.MULTILINE),
          com.google.re2j.Pattern.compile("\\A(?:" + regex + ")", com.google.re2j.Pattern.MULTILINE));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex '" + regex + "': " + e.getDescription(), e);
    }
  }

  public String source() {
    return compiled.pattern();
  }

  /**
   * Matches in {@code text[from, to)}, with offsets in {@code text}; matches whose start
   * {@code inComment} accepts are skipped.
   */
  public List<Match> find(String text, int from, int to, IntPredicate inComment) {
    com.google.re2j.Matcher m = compiled.matcher(text.subSequence(from, to));
    List<Match> matches = new ArrayList<>();
    int position = 0;
    while (matches.size() < MAX_MATCHES && position <= to - from && m.find(position)) {
      int start = from + m.start();
      int end = from + m.end();
      position = m.end() > m.start() ? m.end() : m.end() + 1;
      if (inComment.test(start)) {
        continue;
      }
      matches.add(new Match(start, end, bindings(m, from)));
    }
    return matches;
  }

  /** Whether {@code text} matches at its start (Semgrep's {@code metavariable-regex} is left-anchored). */
  public boolean matchesPrefix(CharSequence text) {
    return anchored.matcher(text).lookingAt();
  }

  /** Whether {@code text} matches anywhere. */
  public boolean matchesAnywhere(String text) {
    return compiled.matcher(text).find();
  }

  private Bindings bindings(com.google.re2j.Matcher m, int offset) {
    Bindings bindings = Bindings.EMPTY;
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.start(g) >= 0) {
        bindings = bindings.with(Integer.toString(g), new Bound.Text(m.group(g), offset + m.start(g), offset + m.end(g)));
      }
    }
    for (Map.Entry<String, Integer> named : namedGroups.entrySet()) {
      int g = named.getValue();
      if (m.start(g) >= 0) {
        bindings = bindings.with(named.getKey(), new Bound.Text(m.group(g), offset + m.start(g), offset + m.end(g)));
      }
    }
    return bindings;
  }

  @Override
  public String toString() {
    return "RegexPattern[" + compiled.pattern() + "]";
  }
}
