package dev.ward.codeshield.rule;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.pattern.Match;
import dev.ward.codeshield.pattern.Target;
import dev.ward.codeshield.syntax.ParseLimits;
import dev.ward.codeshield.syntax.Parsers;
import dev.ward.codeshield.syntax.SyntaxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs a rule's annotated test file, as Semgrep's {@code --test} does. Beside {@code foo.yaml}
 * lives {@code foo.<ext>} for each language it tests, with comments naming the rule on the line
 * before the code they describe (or at the end of that line):
 *
 * <pre>{@code
 * // ruleid: c-strcpy          the next code line must be reported by c-strcpy
 * strcpy(buf, input);
 * // ok: c-strcpy              the next code line must not be
 * strncpy(buf, input, sizeof buf - 1);
 * // todoruleid: c-strcpy      should be reported, is not yet (a known gap; does not fail)
 * // todook: c-strcpy          is reported, should not be (a known false positive; does not fail)
 * }</pre>
 *
 * Any finding of the rule on a line without {@code ruleid}/{@code todook} fails the test, so a
 * test file is also a false-positive check for everything else it contains.
 */
public final class RuleTests {
  private static final java.util.regex.Pattern ANNOTATION =
      // ids start with a letter or digit, so an XML comment's closing --> is not read as one
      java.util.regex.Pattern.compile("\\b(todoruleid|todook|ruleid|ok)\\s*:\\s*"
          + "([A-Za-z0-9_][A-Za-z0-9._-]*(?:[,\\s]+[A-Za-z0-9_][A-Za-z0-9._-]*)*)");

  private RuleTests() {}

  /** A rule file and one of its test files. */
  public record Case(Path ruleFile, Path testFile, Language language) {
    @Override
    public String toString() {
      return testFile.getFileName().toString();
    }
  }

  /**
   * The outcome for one rule in one test file; lines are 1-based.
   *
   * @param todo lines marked {@code todoruleid} or {@code todook}
   * @param nested lines where a finding of the rule lies strictly inside another of its findings
   *     that starts on the same line: the mark of a clause that also matches sub-expressions
   *     (a {@code pattern: $F(...)} intersected with a call matches every call in the arguments).
   *     Not a failure by itself, since {@code md5(md5(x))} is two findings; the built-in tests
   *     forbid it.
   */
  public record Result(String ruleId, SortedSet<Integer> expected, SortedSet<Integer> okLines,
      SortedSet<Integer> reported, SortedSet<Integer> todo, SortedSet<Integer> nested) {
    /** Expected lines that were not reported. */
    public SortedSet<Integer> missing() {
      SortedSet<Integer> missing = new TreeSet<>(expected);
      missing.removeAll(reported);
      return missing;
    }

    /** Reported lines that were not expected. */
    public SortedSet<Integer> unexpected() {
      SortedSet<Integer> unexpected = new TreeSet<>(reported);
      unexpected.removeAll(expected);
      unexpected.removeAll(todo);
      return unexpected;
    }

    public boolean passed() {
      return missing().isEmpty() && unexpected().isEmpty();
    }

    @Override
    public String toString() {
      return ruleId + (passed() ? ": ok" : ": missing lines " + missing() + ", unexpected lines " + unexpected());
    }
  }

  /** Every rule file under {@code root} with each test file beside it. */
  public static List<Case> discover(Path root) throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path rule : walk.filter(RuleSet::isRuleFile).sorted().toList()) {
        String base = rule.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        try (Stream<Path> siblings = Files.list(rule.getParent())) {
          for (Path test : siblings.sorted().toList()) {
            String name = test.getFileName().toString();
            if (name.startsWith(base + ".") && !RuleSet.isRuleFile(test)) {
              Optional<Language> language = Language.forFileName(name);
              language.ifPresent(l -> cases.add(new Case(rule, test, l)));
            }
          }
        }
      }
    }
    return cases;
  }

  /** Loads a case's rules and runs each on its test file. */
  public static List<Result> run(Case c) throws IOException {
    RuleSet rules = RuleSet.of(Files.readString(c.ruleFile(), StandardCharsets.UTF_8), c.ruleFile().getFileName().toString());
    if (!rules.problems().isEmpty()) {
      throw new IllegalStateException("rule file " + c.ruleFile() + " has problems: " + rules.problems());
    }
    return run(rules, c.language(), Files.readString(c.testFile(), StandardCharsets.UTF_8));
  }

  /** Runs every rule of {@code rules} that applies to {@code language} on annotated {@code code}. */
  public static List<Result> run(RuleSet rules, Language language, String code) {
    SyntaxTree tree = Parsers.parse(language, code, ParseLimits.DEFAULT);
    Map<String, Annotations> annotations = annotations(code, language);
    List<Result> results = new ArrayList<>();
    RuleSet.Run run = RuleSet.run(rules.rulesFor(language), new Target(tree));
    if (!run.failures().isEmpty()) {
      throw new IllegalStateException("rules failed: " + run.failures());
    }
    for (Rule rule : rules.rulesFor(language)) {
      List<Match> matches = run.matches().stream().filter(m -> m.rule() == rule).map(RuleMatch::match).toList();
      SortedSet<Integer> reported = new TreeSet<>();
      matches.forEach(m -> reported.add(tree.line(m.start()) + 1));
      Annotations a = annotations.getOrDefault(rule.id().value(), new Annotations());
      results.add(new Result(rule.id().value(), a.expected, a.ok, reported, a.todo, nestedLines(matches, tree)));
    }
    return results;
  }

  private static SortedSet<Integer> nestedLines(List<Match> matches, SyntaxTree tree) {
    SortedSet<Integer> nested = new TreeSet<>();
    for (Match inner : matches) {
      for (Match outer : matches) {
        if (inner.within(outer) && !inner.sameRange(outer) && tree.line(inner.start()) == tree.line(outer.start())) {
          nested.add(tree.line(inner.start()) + 1);
        }
      }
    }
    return nested;
  }

  /** Every rule id the annotations of {@code code} name, to catch typos. */
  public static Set<String> annotatedIds(String code, Language language) {
    return annotations(code, language).keySet();
  }

  /** The lines of {@code code} marked {@code ruleid:} for {@code ruleId}. */
  public static SortedSet<Integer> expectedLines(String code, Language language, String ruleId) {
    Annotations a = annotations(code, language).get(ruleId);
    return a == null ? new TreeSet<>() : a.expected;
  }

  /** The lines of {@code code} marked {@code ok:} for any rule. */
  public static SortedSet<Integer> okLines(String code, Language language) {
    SortedSet<Integer> ok = new TreeSet<>();
    annotations(code, language).values().forEach(a -> ok.addAll(a.ok));
    return ok;
  }

  private static final class Annotations {
    final SortedSet<Integer> expected = new TreeSet<>();
    final SortedSet<Integer> ok = new TreeSet<>();
    final SortedSet<Integer> todo = new TreeSet<>();
  }

  /** Rule id to annotated lines. A comment-only line annotates the next line that is not one. */
  private static Map<String, Annotations> annotations(String code, Language language) {
    String[] lines = code.split("\n", -1);
    Map<String, Annotations> byRule = new TreeMap<>();
    List<String[]> pending = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int comment = commentStart(line, language);
      java.util.regex.Matcher m = comment < 0 ? null : ANNOTATION.matcher(line.substring(comment));
      if (m != null && m.find()) {
        String[] annotation = {m.group(1), m.group(2)};
        if (line.substring(0, comment).isBlank()) {
          pending.add(annotation);
          continue;
        }
        record(byRule, annotation, i + 1);
      }
      if (!line.isBlank()) {
        for (String[] p : pending) {
          record(byRule, p, i + 1);
        }
        pending.clear();
      }
    }
    return byRule;
  }

  private static void record(Map<String, Annotations> byRule, String[] annotation, int line) {
    for (String id : annotation[1].split("[,\\s]+")) {
      if (id.isBlank()) {
        continue;
      }
      Annotations a = byRule.computeIfAbsent(id.strip(), k -> new Annotations());
      switch (annotation[0]) {
        case "ruleid" -> a.expected.add(line);
        case "ok" -> a.ok.add(line);
        default -> a.todo.add(line);
      }
    }
  }

  private static int commentStart(String line, Language language) {
    int best = -1;
    for (String marker : Set.copyOf(concat(language.lineComments(), List.of("/*")))) {
      int at = line.indexOf(marker);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    if (!a.contains("//")) {
      return all; // languages without // comments (Python, Ruby) have no /* */ either
    }
    all.addAll(b);
    return all;
  }
}
