package dev.ward.codeshield;

import dev.ward.codeshield.lang.CodeBlock;
import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.lang.LanguageDetector;
import dev.ward.codeshield.lang.Markdown;
import dev.ward.codeshield.pattern.Target;
import dev.ward.codeshield.rule.Rule;
import dev.ward.codeshield.rule.RuleMatch;
import dev.ward.codeshield.rule.RuleSet;
import dev.ward.codeshield.syntax.ParseException;
import dev.ward.codeshield.syntax.Parsers;
import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scan pipeline: split the input into blocks, pick each block's language, skip rules whose
 * prefilter fails, parse once, run the remaining rules, turn matches into findings. A failure in
 * one block (too large, parse timeout, a rule that throws) becomes a {@link ScanProblem} and the
 * other blocks are still scanned.
 */
final class Scanner implements CodeShield {
  private static final int SNIPPET_LINES = 5;
  private static final int SNIPPET_CHARS = 400;
  /** Fence tags that are not code we could scan, so an untagged-language problem would be noise. */
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
    if (language == null) {
      throw new IllegalArgumentException("language must not be null; use scanDetected for unknown languages");
    }
    Collector out = new Collector();
    if (tooLarge(code, out)) {
      return out.result(0);
    }
    scanBlock(code, language, 1, out, deadline());
    return out.result(1);
  }

  @Override
  public ScanResult scanDetected(String code) {
    Collector out = new Collector();
    if (tooLarge(code, out)) {
      return out.result(0);
    }
    Optional<Language> language = detect(code);
    if (language.isEmpty()) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.UNKNOWN_LANGUAGE, 1, "cannot tell the language of the code"));
      return out.result(0);
    }
    scanBlock(code, language.get(), 1, out, deadline());
    return out.result(1);
  }

  @Override
  public ScanResult scanMarkdown(String answer) {
    Collector out = new Collector();
    if (tooLarge(answer, out)) {
      return out.result(0);
    }
    long deadline = deadline();
    List<CodeBlock> blocks = Markdown.codeBlocks(answer);
    if (blocks.isEmpty()) {
      Optional<Language> language = detect(answer);
      if (language.isEmpty()) {
        return out.result(0);
      }
      scanBlock(answer, language.get(), 1, out, deadline);
      return out.result(1);
    }
    int scanned = 0;
    for (CodeBlock block : blocks) {
      Optional<Language> language = block.tag().isEmpty() ? detect(block.code()) : Language.find(block.tag());
      if (language.isEmpty()) {
        if (block.tag().isEmpty()) {
          out.problems.add(new ScanProblem(ScanProblem.Kind.UNKNOWN_LANGUAGE, block.firstLine(),
              "cannot tell the language of the code block; tag its fence"));
        } else if (!NOT_CODE.contains(block.tag().toLowerCase(java.util.Locale.ROOT))) {
          out.problems.add(new ScanProblem(ScanProblem.Kind.UNSUPPORTED_LANGUAGE, block.firstLine(),
              "code block in '" + block.tag() + "' is not scanned; supported: " + Language.ids()));
        }
        continue;
      }
      scanBlock(block.code(), language.get(), block.firstLine(), out, deadline);
      scanned++;
    }
    return out.result(scanned);
  }

  private long deadline() {
    return System.nanoTime() + limits.scanTimeout().toNanos();
  }

  private boolean tooLarge(String input, Collector out) {
    if (input.length() > limits.maxInputChars()) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.TOO_LARGE, 1, "input has " + input.length()
          + " characters, more than the limit of " + limits.maxInputChars() + "; not scanned"));
      return true;
    }
    return false;
  }

  /** Detection by text signals; when several languages are close, the one that parses with fewest errors. */
  private Optional<Language> detect(String code) {
    List<Language> ranked = LanguageDetector.ranked(code);
    if (ranked.size() <= 1) {
      return ranked.stream().findFirst();
    }
    Language best = ranked.getFirst();
    int fewest = Integer.MAX_VALUE;
    for (Language candidate : ranked.subList(0, Math.min(3, ranked.size()))) {
      try {
        int errors = errorCount(Parsers.parse(candidate, code, limits.parse()));
        if (errors < fewest) {
          fewest = errors;
          best = candidate;
        }
      } catch (ParseException e) {
        // leave this candidate out; the block's own parse will report the limit
      }
    }
    return Optional.of(best);
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

  private void scanBlock(String code, Language language, int firstLine, Collector out, long deadline) {
    List<Rule> candidates = rules.candidates(language, code);
    if (candidates.isEmpty()) {
      return;
    }
    Prepared prepared = null;
    SyntaxTree tree = null;
    try {
      int fewestErrors = Integer.MAX_VALUE;
      for (Prepared candidate : Prepared.candidates(code, language)) {
        SyntaxTree parsed = Parsers.parse(language, candidate.text(), limits.parse());
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
      out.problems.add(new ScanProblem(kind, firstLine, language + " block not scanned: " + e.getMessage()));
      return;
    }
    RuleSet.Run run = evaluate(candidates, tree, deadline);
    if (run.timedOut()) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.SCAN_TIMEOUT, firstLine, language
          + " block: scan stopped after " + limits.scanTimeout().toMillis() + " ms; findings may be incomplete"));
    }
    for (String failure : run.failures()) {
      out.problems.add(new ScanProblem(ScanProblem.Kind.RULE_FAILED, firstLine, failure));
    }
    String[] lines = code.split("\n", -1); // once per block, not per finding
    for (RuleMatch m : run.matches()) {
      out.findings.add(finding(m, tree, prepared, lines, language, firstLine - 1));
    }
  }

  /**
   * Matching recurses along the tree, so hostile nesting (thousands of brackets) would overflow
   * an ordinary thread's stack and lose the block's findings. Deep trees are matched on a thread
   * whose stack is sized for them; the stack is reserved, not committed, so it costs address
   * space only.
   */
  private static RuleSet.Run evaluate(List<Rule> candidates, SyntaxTree tree, long deadline) {
    if (tree.depth() <= SHALLOW_DEPTH) {
      return RuleSet.run(candidates, new Target(tree), deadline);
    }
    RuleSet.Run[] run = new RuleSet.Run[1];
    Throwable[] failure = new Throwable[1];
    Thread deep = new Thread(null, () -> {
      try {
        run[0] = RuleSet.run(candidates, new Target(tree), deadline);
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "ward-deep-scan", DEEP_STACK_BYTES);
    deep.start();
    try {
      deep.join();
    } catch (InterruptedException e) {
      deep.interrupt();
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted while scanning");
    }
    if (failure[0] instanceof RuntimeException r) {
      throw r;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    return run[0];
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
    return new Finding(rule.id().value(), rule.cwe(), rule.severity(), Messages.interpolate(rule.message(), m.match()),
        language, line + 1 + lineOffset, column + 1, endLine + 1 + lineOffset, endColumn, snippet(lines, line, endLine));
  }

  /** The whole lines of the match, trimmed and capped: what a reviewer needs to see. */
  private static String snippet(String[] lines, int line, int endLine) {
    StringBuilder out = new StringBuilder();
    for (int i = line; i <= Math.min(endLine, line + SNIPPET_LINES - 1) && i < lines.length; i++) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(lines[i]);
    }
    String text = out.toString().strip();
    return text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
  }

  /** Trees up to this depth are matched on the caller's thread. */
  private static final int SHALLOW_DEPTH = 1_000;
  private static final long DEEP_STACK_BYTES = 1L << 30;

  private final class Collector {
    final List<Finding> findings = new ArrayList<>();
    final List<ScanProblem> problems = new ArrayList<>();

    ScanResult result(int blocks) {
      findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::ruleId));
      return new ScanResult(findings, policy.treatmentOf(findings), problems, blocks);
    }
  }
}
