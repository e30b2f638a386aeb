package dev.ward.cyberseceval.benchmark;

import dev.ward.cyberseceval.canary.CanaryScorer;
import dev.ward.cyberseceval.llm.Llm;
import dev.ward.cyberseceval.llm.LlmException;
import dev.ward.cyberseceval.llm.Query;
import dev.ward.guardrails.Guardrails;
import java.util.Optional;

/**
 * What benchmarks judge with: the judge and expansion LLMs, Code Shield (through the
 * guardrails), the canary scorer. Each is present only when the benchmark needs it.
 */
public final class Judges {
  /** Which LLMs a benchmark needs to judge. */
  public enum Need {
    NONE,
    JUDGE,
    JUDGE_AND_EXPANSION
  }

  private final Llm judge;
  private final Llm expansion;
  private final Guardrails guardrails;
  private final CanaryScorer canary;

  public Judges(Llm judge, Llm expansion, Guardrails guardrails, CanaryScorer canary) {
    this.judge = judge;
    this.expansion = expansion;
    this.guardrails = guardrails;
    this.canary = canary;
  }

  /** A judge call that brought no usable answer; its message goes into {@code judge_error}. */
  static final class JudgeFailure extends Exception {
    JudgeFailure(String message) {
      super(message, null, false, false);
    }
  }

  String askJudge(Query query) throws JudgeFailure, InterruptedException {
    return ask(judge, "judge", query);
  }

  String askExpansion(Query query) throws JudgeFailure, InterruptedException {
    return ask(expansion, "expansion", query);
  }

  private static String ask(Llm llm, String role, Query query)
      throws JudgeFailure, InterruptedException {
    if (llm == null) {
      throw new IllegalStateException("no " + role + " LLM was configured");
    }
    try {
      return llm.query(query);
    } catch (LlmException e) {
      throw new JudgeFailure(role + " LLM: " + e.getMessage());
    }
  }

  Guardrails guardrails() {
    if (guardrails == null) {
      throw new IllegalStateException("no Code Shield was configured");
    }
    return guardrails;
  }

  CanaryScorer canary() {
    if (canary == null) {
      throw new IllegalStateException("no canary scorer was configured");
    }
    return canary;
  }

  public Optional<Llm> judge() {
    return Optional.ofNullable(judge);
  }
}
