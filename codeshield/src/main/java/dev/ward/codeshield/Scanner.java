package dev.ward.codeshield;

import dev.ward.codeshield.lang.CodeBlock;
import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.lang.Markdown;
import dev.ward.codeshield.pattern.Target;
import dev.ward.codeshield.rule.Rule;
import dev.ward.codeshield.rule.RuleMatch;
import dev.ward.codeshield.rule.RuleSet;
import dev.ward.codeshield.syntax.Budget;
import dev.ward.codeshield.syntax.ParseException;
import dev.ward.codeshield.syntax.Parsers;
import dev.ward.codeshield.syntax.SyntaxTree;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The scan pipeline: split the input into blocks, pick each block's language, skip rules whose
 * prefilter fails, parse once, run the remaining rules, turn matches into findings. A failure in
 * one block (too large, parse timeout, a rule that throws) becomes a {@link ScanProblem} and the
 * other blocks are still scanned.
 */
final class Scanner implements CodeShield {
  private static final int SNIPPET_LINES = 5;
  private static final int SNIPPET_CHARS = 400;
  /** Findings of one rule in one block: a flood of the same finding helps no reviewer. */
  private static final int MAX_FINDINGS_PER_RULE = 100;
  /** An answer is read for its fences up to this many times the per-block size limit. */
  private static final int MARKDOWN_SIZE_FACTOR = 4;
  /** Fence tags that name no programming language: a block under them that nothing could match is not worth a problem. */
  private static final Set<String> NOT_CODE = Set.of("text", "txt", "plaintext", "output", "console", "markdown",
      "md", "json", "yaml", "yml", "toml", "ini", "csv", "xml", "html", "css", "diff", "log", "plain");

  private final RuleSet rules;
  private final Limits limits;
  private final TreatmentPolicy policy;

  Scanner(RuleSet rules, Limits limits, TreatmentPolicy policy) {
    this.rules = rules;
    this.limits = limits;
    this.policy = policy;
  }

  @Override
  public RuleSet rules() {
    return rules;
  }

  @Override
  public ScanResult scan(String code, Language language) {
    requireLanguage(language);
    return now(budget -> scanCode(code, language, budget));
  }

  @Override
  public ScanResult scanDetected(String code) {
    return now(budget -> scanDetected(code, budget));
  }

  @Override
  public ScanResult scanMarkdown(String answer) {
    return now(budget -> scanAnswer(answer, budget));
  }

  @Override
  public CompletableFuture<ScanResult> scanAsync(String code, Language language) {
    requireLanguage(language);
    return AsyncScan.submit(ScanPool.executor(), limits.scanTimeout(), budget -> scanCode(code, language, budget));
  }

  @Override
  public CompletableFuture<ScanResult> scanMarkdownAsync(String answer) {
    return AsyncScan.submit(ScanPool.executor(), limits.scanTimeout(), budget -> scanAnswer(answer, budget));
  }

  private static void requireLanguage(Language language) {
    if (language == null) {
      throw new IllegalArgumentException("language must not be null; use scanDetected for unknown languages");
    }
  }

  /** A scan on the caller's thread; an interrupt stops it, as a cancel does an asynchronous one. */
  private ScanResult now(Function<Budget, ScanResult> scan) {
    try {
      return scan.apply(Budget.ofNanos(limits.scanTimeout().toNanos()));
    } catch (Budget.Exhausted e) {
      throw new CancellationException("scan interrupted"); // the only kind that escapes a scan
    }
  }

  private ScanResult scanCode(String code, Language language, Budget budget) {
    Collector out = new Collector();
    if (tooLarge(code, out)) {
      return out.result(0);
    }
    scanBlock(code, language, 1, out, budget);
    return out.result(1);
  }

  private ScanResult scanDetected(String code, Budget budget) {
    Collector out = new Collector();
    if (tooLarge(code, out)) {
      return out.result(0);
    }
    LanguageChoice.Choice choice = choose(() -> LanguageChoice.forCode(code, rules, budget::check), 1, out);
    if (namesNoLanguage(choice)) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.UNKNOWN_LANGUAGE, 1, "cannot tell the language of the code"
          + (choice.genericOnly() ? "; only the generic rules ran" : ", and no rule of any language has reason to run on it")));
    }
    for (Language language : choice.languages()) {
      scanBlock(code, language, 1, out, budget);
    }
    return out.result(choice.languages().isEmpty() ? 0 : 1);
  }

  private ScanResult scanAnswer(String answer, Budget budget) {
    Collector out = new Collector();
    // The size limit is per block: padding an answer with prose must not let a small block go
    // unscanned. Reading the fences is linear, so only a far larger answer is refused whole.
    if (answer.length() > (long) MARKDOWN_SIZE_FACTOR * limits.maxInputChars()) {
      tooLarge(answer, out);
      return out.result(0);
    }
    Markdown.Parts parts = Markdown.parts(answer);
    List<CodeBlock> blocks = new ArrayList<>(parts.blocks());
    // Smallest first: a slow block uses up the deadline after the others, not before them.
    blocks.sort(Comparator.comparingInt(b -> b.code().length()));
    int scanned = 0;
    for (CodeBlock block : blocks) {
      if (tooLarge(block.code(), block.firstLine(), out)) {
        continue;
      }
      LanguageChoice.Choice choice = choose(() -> LanguageChoice.forBlock(block.tag(), block.code(), rules, budget::check),
          block.firstLine(), out);
      boolean unsupported = !block.tag().isEmpty() && Language.find(block.tag()).isEmpty()
          && !NOT_CODE.contains(block.tag().toLowerCase(Locale.ROOT));
      if (unsupported && namesNoLanguage(choice)) {
        out.problems.add(new ScanProblem(ScanProblem.Kind.UNSUPPORTED_LANGUAGE, block.firstLine(), "code block in '"
            + block.tag() + "' is in no language Code Shield covers, and its content names none; "
            + (choice.genericOnly() ? "only the generic rules ran" : "no rule has reason to run on it")));
      }
      for (Language language : choice.languages()) {
        scanBlock(block.code(), language, block.firstLine(), out, budget);
      }
      scanned += choice.languages().isEmpty() ? 0 : 1;
    }
    // Code outside the fences (an indented block, a command in the prose) reaches readers too.
    String prose = parts.outside();
    if (!prose.isBlank() && !tooLarge(prose, 1, out)) {
      List<Language> proseLanguages = choose(() -> LanguageChoice.forProse(prose, budget::check), 1, out).languages();
      for (Language language : proseLanguages) {
        scanBlock(prose, language, 1, out, budget);
      }
      scanned += proseLanguages.isEmpty() ? 0 : 1;
    }
    return out.result(scanned);
  }

  /** Whether neither the text nor the rules name a language for it (the deadline did not simply cut the choice short). */
  private static boolean namesNoLanguage(LanguageChoice.Choice choice) {
    return choice != TIMED_OUT && (choice.genericOnly() || choice.languages().isEmpty());
  }

  /** What {@link #choose} returns when the deadline passed while choosing. */
  private static final LanguageChoice.Choice TIMED_OUT = new LanguageChoice.Choice(List.of(), false);

  /**
   * The languages to scan a block as; when the deadline passes while choosing them (reading a
   * hostile text's signals), {@link #TIMED_OUT} and a problem of the block.
   */
  private LanguageChoice.Choice choose(Supplier<LanguageChoice.Choice> choice, int line, Collector out) {
    try {
      return choice.get();
    } catch (Budget.Exhausted e) {
      if (e.cancelled()) {
        throw e;
      }
      out.problems.add(new ScanProblem(ScanProblem.Kind.SCAN_TIMEOUT, line, "block not scanned: the scan's "
          + describe(limits.scanTimeout()) + " deadline passed while telling its language"));
      return TIMED_OUT;
    }
  }

  private boolean tooLarge(String input, Collector out) {
    return tooLarge(input, 1, out);
  }

  private boolean tooLarge(String input, int line, Collector out) {
    if (input.length() > limits.maxInputChars()) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.TOO_LARGE, line, (line == 1 ? "input" : "block") + " has "
          + input.length() + " characters, more than the limit of " + limits.maxInputChars() + "; not scanned"));
      return true;
    }
    return false;
  }

  private static int errorCount(SyntaxTree tree) {
    int errors = 0;
    for (int n = 0; n < tree.size(); n++) {
      if (tree.kind(n) == tree.grammar().errorKind()) {
        errors++;
      }
    }
    return errors;
  }

  private void scanBlock(String code, Language language, int firstLine, Collector out, Budget budget) {
    String matchable = Prepared.matchable(code, language);
    List<Rule> candidates = rules.candidates(language, matchable);
    if (candidates.isEmpty()) {
      return;
    }
    if (budget.remainingNanos() <= 0) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.SCAN_TIMEOUT, firstLine, language + " block not scanned: the scan's "
          + describe(limits.scanTimeout()) + " deadline passed before it"));
      return;
    }
    Prepared prepared = null;
    SyntaxTree tree = null;
    try {
      int fewestErrors = Integer.MAX_VALUE;
      for (Prepared candidate : Prepared.candidates(matchable, language)) {
        SyntaxTree parsed = Parsers.parse(language, candidate.text(), limits.parse(), budget);
        int errors = errorCount(parsed);
        if (errors < fewestErrors) {
          fewestErrors = errors;
          prepared = candidate;
          tree = parsed;
        }
        if (!parsed.hasError()) {
          break;
        }
      }
    } catch (ParseException e) {
      ScanProblem.Kind kind = switch (e.reason()) {
        case TOO_LARGE -> ScanProblem.Kind.TOO_LARGE;
        case TIMEOUT -> ScanProblem.Kind.PARSE_TIMEOUT;
        case TOO_MANY_NODES -> ScanProblem.Kind.TOO_MANY_NODES;
      };
      if (tree == null) {
        out.problems.add(new ScanProblem(kind, firstLine, language + " block not scanned: " + e.getMessage()));
        return;
      }
      // Another reading of the block failed; the first one's tree is still matched.
      out.problems.add(new ScanProblem(kind, firstLine, language + " block scanned as first read only: "
          + e.getMessage()));
    } catch (Budget.Exhausted e) {
      if (e.cancelled() || tree == null) {
        if (e.cancelled()) {
          throw e;
        }
        out.problems.add(new ScanProblem(ScanProblem.Kind.SCAN_TIMEOUT, firstLine, language + " block not scanned: "
            + "the scan's " + describe(limits.scanTimeout()) + " deadline passed while parsing it"));
        return;
      }
      // a second preparation ran out of time: scan the first one's tree
    }
    RuleSet.Run run = evaluate(candidates, new Target(tree, budget));
    if (run.timedOut()) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.SCAN_TIMEOUT, firstLine, language + " block: the scan's "
          + describe(limits.scanTimeout()) + " deadline passed before every rule had run; findings may be incomplete"));
    }
    for (String failure : run.failures()) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.RULE_FAILED, firstLine, failure));
    }
    String[] lines = code.split("\n", -1); // once per block, not per finding
    Map<Rule, Integer> perRule = new HashMap<>();
    for (RuleMatch m : run.matches()) {
      if (perRule.merge(m.rule(), 1, Integer::sum) <= MAX_FINDINGS_PER_RULE) {
        out.findings.add(finding(m, tree, prepared, lines, language, firstLine - 1));
      }
    }
    perRule.forEach((rule, count) -> {
      if (count > MAX_FINDINGS_PER_RULE) {
        out.problems.add(new ScanProblem(ScanProblem.Kind.TOO_MANY_FINDINGS, firstLine, language + " block: "
            + rule.id().value() + " matched " + count + " times; the first " + MAX_FINDINGS_PER_RULE + " are reported"));
      }
    });
  }

  /**
   * Matching recurses along the pattern, and tree walks are loops, so an ordinary stack holds any
   * target; still, a tree deeper than {@link #SHALLOW_DEPTH} is matched on the {@link ScanPool},
   * whose threads have stacks to spare, rather than risk the caller's. A pool thread matches its
   * own trees.
   */
  private static RuleSet.Run evaluate(List<Rule> candidates, Target target) {
    if (target.tree().depth() <= SHALLOW_DEPTH || ScanPool.onPoolThread()) {
      return RuleSet.run(candidates, target);
    }
    Future<RuleSet.Run> run;
    try {
      run = ScanPool.executor().submit(() -> RuleSet.run(candidates, target));
    } catch (RejectedExecutionException e) {
      return RuleSet.run(candidates, target); // a stack overflow here is a rule failure, never a clean result
    }
    try {
      return run.get(Math.max(0, target.budget().remainingNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // Queued behind other scans past this one's deadline: it is stopped, never waited for.
      run.cancel(true);
      return new RuleSet.Run(List.of(), true, List.of());
    } catch (InterruptedException e) {
      target.budget().cancel();
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while scanning");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static Finding finding(RuleMatch m, SyntaxTree tree, Prepared prepared, String[] lines, Language language,
      int lineOffset) {
    int start = m.match().start();
    int end = Math.max(start, m.match().end());
    int last = end > start ? end - 1 : end;
    int line = prepared.originalLine(tree.line(start));
    int endLine = prepared.originalLine(tree.line(last));
    int column = prepared.originalColumn(tree.line(start), tree.column(start));
    int endColumn = prepared.originalColumn(tree.line(last), tree.column(last)) + 2;
    Rule rule = m.rule();
    return new Finding(rule.id().value(), rule.cwe(), rule.severity(), Messages.interpolate(rule.message(), m.match(),
        CharBuffer.wrap(tree.text(), m.match().start(), m.match().end())),
        language, line + 1 + lineOffset, column + 1, endLine + 1 + lineOffset, endColumn,
        snippet(lines, line, endLine, column));
  }

  /**
   * The lines of the match, trimmed and capped: what a reviewer needs to see. Each line is read
   * only near the match (a minified megabyte-long line holds thousands of findings).
   */
  private static String snippet(String[] lines, int line, int endLine, int column) {
    StringBuilder out = new StringBuilder();
    for (int i = line; i <= Math.min(endLine, line + SNIPPET_LINES - 1) && i < lines.length; i++) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      String text = lines[i];
      int from = i == line ? Math.clamp(column - SNIPPET_CHARS / 4, 0, text.length()) : 0;
      out.append(text, from, Math.min(text.length(), from + SNIPPET_CHARS + 1));
    }
    String text = out.toString().strip();
    return text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
  }

  /** Trees up to this depth are matched on the caller's thread. */
  private static final int SHALLOW_DEPTH = 1_000;

  private final class Collector {
    final List<Finding> findings = new ArrayList<>();
    final List<ScanProblem> problems = new ArrayList<>();

    /**
     * A block scanned as two languages can give the same finding twice, under each language's rule
     * (C's and PHP's {@code system}): per place and CWE, the findings of one language only, the
     * one whose finding there is the most severe (the first such language on a tie).
     */
    ScanResult result(int blocks) {
      Map<String, Finding> strongest = new HashMap<>();
      for (Finding f : findings) {
        strongest.merge(place(f), f, (kept, next) ->
            next.severity() != kept.severity() && next.severity().atLeast(kept.severity()) ? next : kept);
      }
      findings.removeIf(f -> strongest.get(place(f)).language() != f.language());
      findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::ruleId));
      boolean complete = problems.stream().noneMatch(p -> p.kind().incomplete());
      return new ScanResult(findings, policy.treatmentOf(findings, complete), problems, blocks);
    }

    private static String place(Finding f) {
      return f.line() + ":" + f.column() + ":" + f.endLine() + ":" + f.endColumn() + ":" + f.cwe();
    }
  }
}
