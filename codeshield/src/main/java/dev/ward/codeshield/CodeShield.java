package dev.ward.codeshield;

import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.rule.RuleSet;
import java.util.concurrent.CompletableFuture;

/**
 * Finds insecure code before a user runs it. Thread-safe: grammars and compiled rules load once,
 * in {@link Builder#build()}, and scans share them.
 *
 * {@snippet :
 * CodeShield shield = CodeShield.create();
 * ScanResult result = shield.scanMarkdown(answer);
 * if (result.treatment() == Treatment.BLOCK) {
 *   // refuse the answer
 * }
 * }
 *
 * <p>A scan never throws over its input: what it could not check (a limit, a timeout, a failing
 * rule) is a {@link ScanProblem}, the result is then not {@link ScanResult#complete() complete},
 * and its treatment is at least {@link TreatmentPolicy#incomplete()}. Synchronous scans run on the
 * caller's thread and stop with a {@link java.util.concurrent.CancellationException} if it is
 * interrupted; the {@code Async} ones run on a shared, bounded pool and stop when their future is
 * cancelled.
 */
public interface CodeShield {
  /** A scanner with the built-in rules, default limits and Code Shield's treatment policy. */
  static CodeShield create() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Scans source code in a known language. */
  ScanResult scan(String code, Language language);

  /** Scans source code; {@code language} is an id or alias ({@code c++}, {@code py}...). */
  default ScanResult scan(String code, String language) {
    return scan(code, Language.of(language));
  }

  /** Scans code whose language is not known: it is detected from the text. */
  ScanResult scanDetected(String code);

  /**
   * Scans an LLM answer in Markdown: every fenced block, in the language its fence names or else
   * the one detected; findings carry the answer's line numbers. Without fences, the whole answer
   * is scanned if it looks like code.
   */
  ScanResult scanMarkdown(String answer);

  /**
   * {@link #scan(String, Language)} on Code Shield's shared pool of scan threads (one per core).
   * Cancelling the returned future, or completing it early in any other way ({@code orTimeout}),
   * stops the scan within milliseconds, inside parsing or matching; a cancelled scan has no
   * result. When the pool's queue is full, the future fails with
   * {@link java.util.concurrent.RejectedExecutionException}. The scan's own deadline
   * ({@link Limits#scanTimeout()}) starts when it starts running.
   */
  CompletableFuture<ScanResult> scanAsync(String code, Language language);

  /** {@link #scanMarkdown(String)} on the shared pool of scan threads; see {@link #scanAsync}. */
  CompletableFuture<ScanResult> scanMarkdownAsync(String answer);

  /** The rules in use, with any problems found loading them. */
  RuleSet rules();

  /** Configures a {@link CodeShield}. */
  final class Builder {
    private RuleSet rules;
    private Limits limits = Limits.DEFAULT;
    private TreatmentPolicy policy = TreatmentPolicy.DEFAULT;

    Builder() {}

    /** Use these rules instead of the built-in ones (combine with {@link RuleSet#plus}). */
    public Builder rules(RuleSet rules) {
      if (rules == null) {
        throw new IllegalArgumentException("rules must not be null");
      }
      this.rules = rules;
      return this;
    }

    public Builder limits(Limits limits) {
      if (limits == null) {
        throw new IllegalArgumentException("limits must not be null");
      }
      this.limits = limits;
      return this;
    }

    public Builder treatmentPolicy(TreatmentPolicy policy) {
      if (policy == null) {
        throw new IllegalArgumentException("treatment policy must not be null");
      }
      this.policy = policy;
      return this;
    }

    public CodeShield build() {
      return new Scanner(rules == null ? RuleSet.builtIn() : rules, limits, policy);
    }
  }
}
