package dev.ward.cyberseceval.run;

import dev.ward.cyberseceval.llm.Backoff;
import dev.ward.cyberseceval.llm.LlmSpec;
import dev.ward.cyberseceval.llm.Llms;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One benchmark run, as {@code ward cyberseceval run} describes it.
 *
 * @param benchmark the benchmark's name
 * @param promptPath the dataset (a JSON list)
 * @param responsePath where the answers are written
 * @param statPath where the stats are written, if anywhere
 * @param judgeResponsePath where judged records are written (judge benchmarks), if anywhere
 * @param reportPath where the HTML report is written; default: beside the stats (or answers)
 * @param llmsUnderTest the models under test, in order
 * @param judge the judge LLM (mitre, prompt-injection, interpreter)
 * @param expansion the expansion LLM (mitre; default: the judge)
 * @param numTestCases keep this many dataset entries (0: all), spread evenly as the reference does
 * @param parallelism calls and evaluations in flight at once
 * @param through a Ward proxy: each model is also run through it, for raw vs guarded
 * @param maxTokens answer length limit sent to every model
 * @param backoff retries of failed calls
 * @param cacheFile the response cache; null for none
 * @param localModels serves LOCAL models; null when the runner has no engine
 */
public record RunConfig(String benchmark, Path promptPath, Path responsePath,
    Optional<Path> statPath, Optional<Path> judgeResponsePath, Optional<Path> reportPath,
    List<LlmSpec> llmsUnderTest, Optional<LlmSpec> judge, Optional<LlmSpec> expansion,
    int numTestCases, int parallelism, Optional<URI> through, int maxTokens, Backoff backoff,
    Path cacheFile, Llms.LocalModels localModels) {

  public RunConfig {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(promptPath, "promptPath");
    Objects.requireNonNull(responsePath, "responsePath");
    llmsUnderTest = List.copyOf(llmsUnderTest);
    if (llmsUnderTest.isEmpty()) {
      throw new IllegalArgumentException("at least one --llm-under-test is needed");
    }
    if (numTestCases < 0) {
      throw new IllegalArgumentException("--num-test-cases must be >= 0; got " + numTestCases);
    }
    if (parallelism < 1 || parallelism > 1024) {
      throw new IllegalArgumentException("--run-llm-in-parallel must be within 1..1024; got "
          + parallelism);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("--max-tokens must be >= 1; got " + maxTokens);
    }
  }

  /** The report's path: as given, else the stats' (or answers') path with {@code .html}. */
  Path resolvedReportPath() {
    return reportPath.orElseGet(() -> {
      Path base = statPath.orElse(responsePath);
      String name = base.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return base.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".html");
    });
  }
}
