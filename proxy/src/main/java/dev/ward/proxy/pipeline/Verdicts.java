package dev.ward.proxy.pipeline;

import dev.ward.codeshield.Finding;
import dev.ward.guardrails.CategoryScore;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Failure;
import java.util.stream.Collectors;

/**
 * The {@code x-ward-input-verdict} and {@code x-ward-output-verdict} header values: the action,
 * then what called for it, e.g. {@code block; categories=S1,S9},
 * {@code block; cwe=CWE-78}, {@code warn; failure=timeout; shadow}. Header-safe: codes only,
 * never the content.
 */
public final class Verdicts {
  /** The output header of a stream: its answer is checked window by window after the headers. */
  public static final String STREAMED = "streamed";

  private Verdicts() {}

  public static String header(Decision decision, boolean shadow) {
    StringBuilder value = new StringBuilder(decision.action().id());
    if (!decision.categories().isEmpty()) {
      value.append("; categories=").append(decision.categories().stream()
          .map(CategoryScore::category).map(c -> c.code().toString()).distinct()
          .collect(Collectors.joining(",")));
    }
    if (!decision.findings().isEmpty()) {
      value.append("; cwe=").append(decision.findings().stream().map(Finding::cwe).distinct()
          .limit(5).collect(Collectors.joining(",")));
    }
    if (!decision.failures().isEmpty()) {
      value.append("; failure=").append(decision.failures().stream().map(Failure::kind)
          .map(Failure.Kind::id).distinct().collect(Collectors.joining(",")));
    }
    if (shadow) {
      value.append("; shadow");
    }
    return value.toString();
  }
}
