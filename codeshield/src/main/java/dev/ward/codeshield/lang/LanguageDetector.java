package dev.ward.codeshield.lang;

import com.google.re2j.Pattern;
import dev.ward.codeshield.regex.RegexLiterals;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Guesses the language of code from cheap textual signals (RE2/J, linear time). Each signal adds
 * weight to one or more languages; the best score wins if it reaches {@link #MIN_SCORE}.
 * {@link #ranked(String)} gives the close runners-up too.
 *
 * <p>RE2/J costs 100-350 ns per character and signal, about 3 µs per character for all of them:
 * too slow to read every block of every answer. So each alternative of a signal's regex runs only
 * around the places it cannot match without: {@link RegexLiterals} gives the literals every match
 * contains; the alternative runs on the line of each occurrence (at most {@link #WINDOW}
 * characters either side, so a megabyte-long line is not read once per occurrence), and not at
 * all in a text that has none. Alternatives without such literals read the whole text.
 */
public final class LanguageDetector {
  static final int MIN_SCORE = 3;
  private static final Set<Language> ALL = EnumSet.allOf(Language.class);
  /** How far below the best a language may score and still rank. */
  static final int MARGIN = 3;
  /** Characters read on either side of a literal's occurrence. */
  static final int WINDOW = 2_048;

  private record Signal(Pattern pattern, List<Gate> gates, Map<Language, Integer> weights) {}

  /**
   * One alternative of a signal's regex.
   *
   * @param literals one of which every match contains; empty when none is known
   */
  private record Gate(Pattern pattern, List<String> literals) {
    static List<Gate> of(String regex) {
      List<String> alternatives = regex.startsWith("(?") ? List.of(regex) : RegexLiterals.alternatives(regex);
      return alternatives.stream().map(alternative -> new Gate(Pattern.compile(alternative, Pattern.MULTILINE),
          RegexLiterals.required(alternative).orElse(List.of()))).toList();
    }
  }

  private static final List<Signal> SIGNALS = List.of(
      signal("^\\s*#\\s*include\\s*[<\"]", Map.of(Language.C, 3, Language.CPP, 3)),
      signal("\\bstd::|\\bcout\\s*<<|\\btemplate\\s*<|#include\\s*<(iostream|vector|string|map|memory|algorithm)>"
          + "|\\bnullptr\\b|\\bauto\\s+\\w+\\s*=|::\\w+\\(|^\\s*class\\s+\\w+\\s*(:\\s*(public|private|protected)\\s+\\w+)?\\s*\\{|^\\s*(public|private|protected):\\s*$",
          Map.of(Language.CPP, 3)),
      signal("\\b(printf|malloc|free|strcpy|sprintf|memcpy|fgets|scanf)\\s*\\(|\\bint\\s+main\\s*\\(|\\bchar\\s*\\*\\s*\\w+|\\bstruct\\s+\\w+\\s*\\{",
          Map.of(Language.C, 2, Language.CPP, 1)),
      signal("^\\s*(def\\s+\\w+\\s*\\(.*\\)\\s*(->\\s*[^:]+)?:|class\\s+\\w+(\\(.*\\))?:|from\\s+[\\w.]+\\s+import\\s|import\\s+[\\w.]+(\\s+as\\s+\\w+)?\\s*$|if\\s+__name__\\s*==)",
          Map.of(Language.PYTHON, 4)),
      signal("\\bself\\.\\w+|\\belif\\b|\\bprint\\(f?['\"]|\\bNone\\b", Map.of(Language.PYTHON, 2)),
      signal("\\bpublic\\s+(static\\s+)?(final\\s+)?(class|void|int|String)\\b|System\\.out\\.|^\\s*import\\s+java\\.|@Override|\\bString\\[\\]\\s+args",
          Map.of(Language.JAVA, 4, Language.CSHARP, 1)),
      signal("^\\s*using\\s+System|Console\\.Write|^\\s*namespace\\s+[\\w.]+|\\bstring\\[\\]\\s+args|\\[Http(Get|Post)\\]|\\bvar\\s+\\w+\\s*=\\s*new\\b|\\bpublic\\s+async\\s+Task",
          Map.of(Language.CSHARP, 4)),
      signal("<\\?php|\\$this->|\\becho\\s+[\"'$]|\\$_(GET|POST|REQUEST|SERVER)\\b|\\bfunction\\s+\\w+\\s*\\(\\s*\\$",
          Map.of(Language.PHP, 5)),
      signal("\\$\\w+\\s*=[^=]", Map.of(Language.PHP, 1)),
      signal("\\bfn\\s+\\w+\\s*[(<]|\\blet\\s+mut\\s|\\bimpl\\b|^\\s*use\\s+(std|crate)::|\\bprintln!\\(|\\bunsafe\\s*\\{|->\\s*Result<|&str\\b",
          Map.of(Language.RUST, 4)),
      signal("\\bfunction\\s*\\w*\\s*\\(|\\bconst\\s+\\w+\\s*=|\\blet\\s+\\w+\\s*=|=>|console\\.log|\\brequire\\(['\"]|\\bdocument\\.|module\\.exports|\\bawait\\s",
          Map.of(Language.JAVASCRIPT, 3, Language.TYPESCRIPT, 2)),
      signal(":\\s*(string|number|boolean|any|void)\\b|^\\s*interface\\s+\\w+\\s*\\{|^\\s*export\\s+(type|interface)\\s|\\bas\\s+(string|number)\\b",
          Map.of(Language.TYPESCRIPT, 3)),
      signal("^\\s*package\\s+main|\\bfunc\\s+(\\(\\w+\\s+\\*?\\w+\\)\\s*)?\\w+\\(|\\w+\\s*:=\\s*|\\bfmt\\.|\\bgo\\s+func\\b",
          Map.of(Language.GO, 3, Language.SWIFT, 1)),
      signal("\\bfun\\s+\\w+\\s*\\(|\\bval\\s+\\w+\\s*[:=]|\\bdata\\s+class\\b|\\bcompanion\\s+object\\b",
          Map.of(Language.KOTLIN, 4)),
      signal("^\\s*(def\\s+\\w+[^:(]*$|end\\s*$|require\\s+['\"]|puts\\s|attr_accessor\\s)|\\bdo\\s*\\|\\w+\\|",
          Map.of(Language.RUBY, 3)),
      signal("^\\s*(@interface|@implementation|@protocol|#import\\s*[<\"])|\\[\\[\\w+\\s+alloc\\]\\s*init|\\bNSString\\s*\\*|@\"",
          Map.of(Language.OBJECTIVE_C, 5)),
      signal("^\\s*import\\s+(UIKit|Foundation|SwiftUI)|\\bfunc\\s+\\w+\\s*\\(.*\\)\\s*->|\\bguard\\s+let\\b|\\bvar\\s+\\w+\\s*:\\s*\\w+",
          Map.of(Language.SWIFT, 4)));

  private LanguageDetector() {}

  private static Signal signal(String regex, Map<Language, Integer> weights) {
    return new Signal(Pattern.compile(regex, Pattern.MULTILINE), Gate.of(regex), weights);
  }

  /** The most likely language, if any language scores at least {@link #MIN_SCORE}. */
  public static Optional<Language> detect(String code) {
    List<Language> ranked = ranked(code);
    return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.getFirst());
  }

  /** Languages scoring at least {@link #MIN_SCORE} and within 3 of the best, best first. */
  public static List<Language> ranked(String code) {
    return ranked(code, () -> { });
  }

  /**
   * {@link #ranked(String)}, calling {@code checkpoint} before each regex run: a scan passes its
   * deadline check, which may throw to stop detection over a hostile text.
   */
  public static List<Language> ranked(String code, Runnable checkpoint) {
    Map<Language, Integer> scores = scores(code, ALL, checkpoint);
    int best = scores.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (best < MIN_SCORE) {
      return List.of();
    }
    return scores.entrySet().stream()
        .filter(e -> e.getValue() >= MIN_SCORE && e.getValue() >= best - MARGIN)
        .sorted((a, b) -> b.getValue() - a.getValue())
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Those of {@code among} scoring at least {@link #MIN_SCORE}, best first, however far below the
   * best: the languages a block could be in. A fence tag is checked against these, not against the
   * best-ranked few, so one line of the tagged language cannot outweigh a program in another.
   */
  public static List<Language> plausible(String code, Set<Language> among, Runnable checkpoint) {
    return scores(code, among, checkpoint).entrySet().stream()
        .filter(e -> e.getValue() >= MIN_SCORE)
        .sorted((a, b) -> b.getValue() - a.getValue())
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The scores of the languages {@code among}: only the signals that can raise one of them are
   * read, the costly part of detection.
   */
  private static Map<Language, Integer> scores(String code, Set<Language> among, Runnable checkpoint) {
    Map<Language, Integer> scores = new EnumMap<>(Language.class);
    for (Signal signal : SIGNALS) {
      if (!Collections.disjoint(signal.weights.keySet(), among) && fires(signal, code, checkpoint)) {
        signal.weights.forEach((language, weight) -> {
          if (among.contains(language)) {
            scores.merge(language, weight, Integer::sum);
          }
        });
      }
    }
    return scores;
  }

  /** Whether any alternative of the signal matches in {@code code}. */
  private static boolean fires(Signal signal, String code, Runnable checkpoint) {
    for (Gate gate : signal.gates) {
      if (fires(gate, code, checkpoint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the alternative matches, read only on the lines of its literals' occurrences, clipped
   * to {@link #WINDOW}; later occurrences inside a window already read are skipped.
   */
  private static boolean fires(Gate gate, String code, Runnable checkpoint) {
    if (gate.literals.isEmpty()) {
      checkpoint.run();
      return gate.pattern.matcher(code).find();
    }
    for (String literal : gate.literals) {
      for (int at = code.indexOf(literal); at >= 0; ) {
        int from = Math.max(lineStart(code, at), at - WINDOW);
        int to = Math.min(lineEnd(code, at), at + literal.length() + WINDOW);
        checkpoint.run();
        if (gate.pattern.matcher(code.subSequence(from, to)).find()) {
          return true;
        }
        at = code.indexOf(literal, Math.max(at + 1, to - literal.length() + 1));
      }
    }
    return false;
  }

  /** Whether the signal fires reading the whole text: what {@link #fires} must agree with (for tests). */
  static boolean firesOnWholeText(int signal, String code) {
    return SIGNALS.get(signal).pattern.matcher(code).find();
  }

  static boolean firesAroundLiterals(int signal, String code) {
    return fires(SIGNALS.get(signal), code, () -> { });
  }

  static int signals() {
    return SIGNALS.size();
  }

  private static int lineStart(String code, int at) {
    return at <= 0 ? 0 : code.lastIndexOf('\n', at - 1) + 1;
  }

  private static int lineEnd(String code, int at) {
    if (at >= code.length()) {
      return code.length();
    }
    int end = code.indexOf('\n', at);
    return end < 0 ? code.length() : end;
  }
}
