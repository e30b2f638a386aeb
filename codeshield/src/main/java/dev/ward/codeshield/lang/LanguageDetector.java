package dev.ward.codeshield.lang;

import com.google.re2j.Pattern;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guesses the language of untagged code from cheap textual signals (RE2/J, linear time). Each
 * signal adds weight to one or more languages; the best score wins if it reaches
 * {@link #MIN_SCORE}. {@link #ranked(String)} gives the close runners-up too, for a caller that
 * can afford to break ties by parsing.
 */
public final class LanguageDetector {
  static final int MIN_SCORE = 3;

  private record Signal(Pattern pattern, Map<Language, Integer> weights) {}

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
    return new Signal(Pattern.compile(regex, Pattern.MULTILINE), weights);
  }

  /** The most likely language, if any language scores at least {@link #MIN_SCORE}. */
  public static Optional<Language> detect(String code) {
    List<Language> ranked = ranked(code);
    return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.getFirst());
  }

  /** Languages scoring at least {@link #MIN_SCORE} and within 3 of the best, best first. */
  public static List<Language> ranked(String code) {
    Map<Language, Integer> scores = new EnumMap<>(Language.class);
    for (Signal signal : SIGNALS) {
      if (signal.pattern.matcher(code).find()) {
        signal.weights.forEach((language, weight) -> scores.merge(language, weight, Integer::sum));
      }
    }
    int best = scores.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (best < MIN_SCORE) {
      return List.of();
    }
    return scores.entrySet().stream()
        .filter(e -> e.getValue() >= MIN_SCORE && e.getValue() >= best - 3)
        .sorted((a, b) -> b.getValue() - a.getValue())
        .map(Map.Entry::getKey)
        .toList();
  }
}
