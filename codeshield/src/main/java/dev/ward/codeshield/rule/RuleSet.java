package dev.ward.codeshield.rule;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.pattern.Match;
import dev.ward.codeshield.pattern.Target;
import dev.ward.codeshield.syntax.Budget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loaded rules, indexed by language, and the loop that runs them over a tree. Immutable and
 * thread-safe: load once, scan from any number of threads.
 */
public final class RuleSet {
  /** Where the built-in rules live on the class path: one folder per language. */
  public static final String BUILT_IN_ROOT = "dev/ward/codeshield/rules";

  private final List<Rule> rules;
  private final List<RuleProblem> problems;
  private final Map<Language, List<Rule>> byLanguage = new EnumMap<>(Language.class);

  private RuleSet(List<Rule> rules, List<RuleProblem> problems) {
    this.rules = List.copyOf(rules);
    this.problems = List.copyOf(problems);
    for (Language language : Language.values()) {
      byLanguage.put(language, this.rules.stream().filter(r -> r.languages().contains(language)).toList());
    }
  }

  private static volatile RuleSet builtIn;

  /**
   * The rules shipped in this jar, loaded and compiled on first use, once per JVM (the set is
   * immutable). Not a holder class: a failure (say, a missing native library) must reach the
   * caller as itself, not as an {@code ExceptionInInitializerError}.
   */
  public static RuleSet builtIn() {
    RuleSet rules = builtIn;
    if (rules == null) {
      synchronized (RuleSet.class) {
        rules = builtIn;
        if (rules == null) {
          try {
            rules = load(List.of(builtInRoot()));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in rules: " + e.getMessage(), e);
          }
          builtIn = rules;
        }
      }
    }
    return rules;
  }

  /** The folder of built-in rules and their test files, inside the jar or on disk. */
  public static Path builtInRoot() {
    URL url = RuleSet.class.getClassLoader().getResource(BUILT_IN_ROOT);
    if (url == null) {
      throw new IllegalStateException("built-in rules not found on the class path at " + BUILT_IN_ROOT);
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return fs.getPath(BUILT_IN_ROOT);
      }
      return Path.of(uri);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open the built-in rules at " + url + ": " + e, e);
    }
  }

  /** Loads every {@code .yaml}/{@code .yml} file under the given files and folders. */
  public static RuleSet load(List<Path> paths) throws IOException {
    List<Rule> rules = new ArrayList<>();
    List<RuleProblem> problems = new ArrayList<>();
    Set<RuleId> seen = new LinkedHashSet<>();
    for (Path root : paths) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).filter(RuleSet::isRuleFile).sorted().toList();
      }
      for (Path file : files) {
        String name = root.equals(file) ? file.getFileName().toString() : root.relativize(file).toString();
        RuleLoader.Loaded loaded = RuleLoader.load(Files.readString(file, StandardCharsets.UTF_8), name);
        problems.addAll(loaded.problems());
        for (Rule rule : loaded.rules()) {
          if (seen.add(rule.id())) {
            rules.add(rule);
          } else {
            problems.add(new RuleProblem(RuleProblem.Kind.DUPLICATE_ID, rule.id().value(), name,
                "rule id '" + rule.id() + "' is already defined by another file"));
          }
        }
      }
    }
    return new RuleSet(rules, problems);
  }

  /** Rules from YAML text, e.g. in tests. */
  public static RuleSet of(String yaml, String sourceName) {
    RuleLoader.Loaded loaded = RuleLoader.load(yaml, sourceName);
    return new RuleSet(loaded.rules(), loaded.problems());
  }

  /** This set and another; ids must stay unique. */
  public RuleSet plus(RuleSet other) {
    List<Rule> all = new ArrayList<>(rules);
    List<RuleProblem> allProblems = new ArrayList<>(problems);
    allProblems.addAll(other.problems);
    for (Rule rule : other.rules) {
      if (all.stream().anyMatch(r -> r.id().equals(rule.id()))) {
        allProblems.add(new RuleProblem(RuleProblem.Kind.DUPLICATE_ID, rule.id().value(), rule.source(),
            "rule id '" + rule.id() + "' is already defined"));
      } else {
        all.add(rule);
      }
    }
    return new RuleSet(all, allProblems);
  }

  /** Only the rules whose id is in {@code ids}. */
  public RuleSet only(Set<String> ids) {
    return new RuleSet(rules.stream().filter(r -> ids.contains(r.id().value())).toList(), problems);
  }

  static boolean isRuleFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<RuleProblem> problems() {
    return problems;
  }

  public List<Rule> rulesFor(Language language) {
    return byLanguage.get(language);
  }

  /**
   * The languages in which a rule written for that language, not a generic one, needs words that
   * {@code text} has: the languages whose rules the text gives a reason to run. Rules that need no
   * particular word say nothing about a text, and do not count.
   */
  public Set<Language> languagesThatMayMatch(String text) {
    Prefilter.Text prefilterText = Prefilter.Text.of(text);
    Set<Language> languages = java.util.EnumSet.noneOf(Language.class);
    for (Language language : Language.values()) {
      if (mayMatch(language, prefilterText)) {
        languages.add(language);
      }
    }
    return languages;
  }

  private boolean mayMatch(Language language, Prefilter.Text text) {
    for (Rule rule : byLanguage.get(language)) {
      if (!rule.generic() && rule.selective(language) && rule.mayMatch(language, text)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a generic rule (regex only, every language) passes its prefilter on {@code text}. */
  public boolean genericMayMatch(String text) {
    Prefilter.Text prefilterText = Prefilter.Text.of(text);
    return rules.stream().anyMatch(r -> r.generic() && r.mayMatch(r.languages().iterator().next(), prefilterText));
  }

  /** The rules for {@code language} whose prefilter the text passes. */
  public List<Rule> candidates(Language language, String text) {
    Prefilter.Text prefilterText = Prefilter.Text.of(text);
    return byLanguage.get(language).stream().filter(r -> r.mayMatch(language, prefilterText)).toList();
  }

  /**
   * The outcome of running rules over one tree.
   *
   * @param timedOut whether the deadline stopped the run before every rule had finished; the
   *     matches of the rules that did finish are kept
   * @param failures rules that threw, as "id: message" (a bug, reported rather than lost)
   */
  public record Run(List<RuleMatch> matches, boolean timedOut, List<String> failures) {}

  /**
   * Runs {@code rules} over {@code target}, drawing on its {@link Budget}: once the deadline passes
   * (checked inside matching, not only between rules), the run stops and keeps what the finished
   * rules found. A cancel throws {@link Budget.Exhausted}: a cancelled scan has no result.
   */
  public static Run run(List<Rule> rules, Target target) {
    Language language = target.tree().grammar().language();
    Evaluator evaluator = new Evaluator(target);
    List<RuleMatch> matches = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Rule rule : rules) {
      Formula formula = rule.formula(language);
      if (formula == null) {
        continue;
      }
      try {
        target.budget().check();
        Set<Long> ranges = new LinkedHashSet<>();
        List<RuleMatch> found = new ArrayList<>();
        for (Match m : evaluator.evaluate(formula)) {
          if (ranges.add(((long) m.start() << 32) | m.end())) {
            found.add(new RuleMatch(rule, m));
          }
        }
        matches.addAll(found);
      } catch (Budget.Exhausted e) {
        if (e.cancelled()) {
          throw e;
        }
        return new Run(matches, true, failures);
      } catch (RuntimeException | StackOverflowError e) {
        failures.add(rule.id() + ": " + e);
      }
    }
    return new Run(matches, false, failures);
  }
}
