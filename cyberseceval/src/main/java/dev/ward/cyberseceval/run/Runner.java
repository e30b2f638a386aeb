package dev.ward.cyberseceval.run;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.codeshield.CodeShield;
import dev.ward.cyberseceval.benchmark.Answer;
import dev.ward.cyberseceval.benchmark.Benchmark;
import dev.ward.cyberseceval.benchmark.Benchmarks;
import dev.ward.cyberseceval.benchmark.CodeBenchmark;
import dev.ward.cyberseceval.benchmark.CanaryExploitBenchmark;
import dev.ward.cyberseceval.benchmark.FrrBenchmark;
import dev.ward.cyberseceval.benchmark.Judges;
import dev.ward.cyberseceval.benchmark.Records;
import dev.ward.cyberseceval.canary.CanaryScorer;
import dev.ward.cyberseceval.llm.Llm;
import dev.ward.cyberseceval.llm.LlmException;
import dev.ward.cyberseceval.llm.LlmSpec;
import dev.ward.cyberseceval.llm.Llms;
import dev.ward.cyberseceval.llm.Query;
import dev.ward.cyberseceval.llm.ResponseCache;
import dev.ward.cyberseceval.report.HtmlReport;
import dev.ward.cyberseceval.report.TerminalTable;
import dev.ward.guardrails.Guardrails;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one benchmark end to end: reads and thins the dataset, asks every model under test (and,
 * with {@code --through}, each again through a Ward proxy), writes the answers, judges them,
 * computes the stats and writes them with a terminal table and an HTML report.
 *
 * <p>Every call goes through the response cache, judges included, so a run that is interrupted
 * and started again pays only for what it had not got. A query that fails after its retries, or
 * a judgement that cannot be made, is recorded with its reason and counted in the stats.
 */
public final class Runner {
  private static final ObjectWriter PRETTY = Records.JSON.writer(new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("    ", "\n"))
      .withArrayIndenter(new DefaultIndenter("    ", "\n")));

  private final RunConfig config;
  private final PrintStream progressOut;
  private final boolean terminal;

  private Runner(RunConfig config, PrintStream progressOut, boolean terminal) {
    this.config = config;
    this.progressOut = progressOut;
    this.terminal = terminal;
  }

  /**
   * Runs the benchmark; progress goes to {@code progressOut}, as a redrawn bar when
   * {@code terminal}.
   *
   * @throws IllegalArgumentException for a bad dataset, spec or combination of options
   * @throws IOException when a file cannot be read or written
   */
  public static RunResult run(RunConfig config, PrintStream progressOut, boolean terminal)
      throws IOException, InterruptedException {
    return new Runner(config, progressOut, terminal).run();
  }

  private RunResult run() throws IOException, InterruptedException {
    Benchmark benchmark = Benchmarks.named(config.benchmark());
    List<ObjectNode> entries = thin(Datasets.load(config.promptPath(), benchmark),
        config.numTestCases());
    ResponseCache cache = config.cacheFile() == null ? null : ResponseCache.open(config.cacheFile());
    try (cache; CanaryScorer canary = benchmark instanceof CanaryExploitBenchmark
        ? CanaryScorer.create() : null) {
      Llms llms = new Llms(new Llms.Options(config.maxTokens(), config.backoff(), cache,
          config.localModels()));
      List<Llm> underTest = modelsUnderTest(llms);
      Judges judges = judges(benchmark, llms, canary);
      if (canary != null) {
        progressOut.println(benchmark.name() + ": challenges run with " + canary.sandbox());
      }
      List<String> names = underTest.stream().map(Llm::name).toList();

      List<ObjectNode> records = ask(benchmark, entries, underTest);
      write(config.responsePath(), records);
      evaluate(benchmark, records, judges);
      boolean judged = benchmark.need() != Judges.Need.NONE
          || benchmark instanceof CanaryExploitBenchmark;
      if (judged) {
        if (config.judgeResponsePath().isPresent()) {
          write(config.judgeResponsePath().get(), records);
        }
      } else {
        // As the reference, the answers file is rewritten with the evaluation's fields.
        write(config.responsePath(), records);
      }
      ObjectNode stats = benchmark.stats(records, names);
      if (config.statPath().isPresent()) {
        write(config.statPath().get(), stats);
      }
      String table = TerminalTable.render(benchmark, stats);
      Path report = config.resolvedReportPath();
      HtmlReport.write(report, benchmark, stats, runInfo(entries.size(), names));
      long failedQueries = records.stream().filter(Records::queryFailed).count();
      long failedJudgements = records.stream().filter(Records::judgeFailed).count();
      return new RunResult(stats, table, report, records.size(), llms.cacheHits(), failedQueries,
          failedJudgements);
    }
  }

  private List<Llm> modelsUnderTest(Llms llms) {
    List<Llm> models = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (LlmSpec spec : config.llmsUnderTest()) {
      models.add(llms.create(spec));
      config.through().ifPresent(proxy -> models.add(llms.create(spec, Optional.of(proxy))));
    }
    for (Llm model : models) {
      if (!names.add(model.name())) {
        throw new IllegalArgumentException("two models under test are named '" + model.name()
            + "'; their stats would merge");
      }
    }
    return models;
  }

  private Judges judges(Benchmark benchmark, Llms llms, CanaryScorer canary) {
    Llm judge = null;
    Llm expansion = null;
    if (benchmark.need() != Judges.Need.NONE) {
      LlmSpec spec = config.judge().orElseThrow(() -> new IllegalArgumentException(
          "the " + benchmark.name() + " benchmark needs a judge: --judge-llm SPEC"));
      judge = llms.create(spec);
      if (benchmark.need() == Judges.Need.JUDGE_AND_EXPANSION) {
        expansion = config.expansion().map(llms::create).orElse(judge);
      }
    }
    Guardrails guardrails = benchmark instanceof CodeBenchmark
        ? Guardrails.builder().codeShield(CodeShield.create()).build() : null;
    return new Judges(judge, expansion, guardrails, canary);
  }

  /** The reference's thinning: every (size / n)-th entry from the first, n of them. */
  static List<ObjectNode> thin(List<ObjectNode> entries, int n) {
    if (n <= 0 || entries.size() <= n) {
      return entries;
    }
    int step = entries.size() / n;
    List<ObjectNode> kept = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      kept.add(entries.get(i * step));
    }
    return kept;
  }

  private List<ObjectNode> ask(Benchmark benchmark, List<ObjectNode> entries, List<Llm> models)
      throws InterruptedException {
    List<Callable<ObjectNode>> tasks = new ArrayList<>();
    for (Llm model : models) {
      for (int i = 0; i < entries.size(); i++) {
        ObjectNode entry = entries.get(i);
        int promptId = i;
        tasks.add(() -> benchmark.record(entry, promptId, model.name(),
            answer(model, benchmark.query(entry))));
      }
    }
    return runAll(benchmark.name() + ": querying", tasks);
  }

  private static Answer answer(Llm model, Query query) throws InterruptedException {
    try {
      return Answer.of(model.query(query));
    } catch (LlmException e) {
      return e.blocked() ? Answer.blocked(e.getMessage()) : Answer.failed(e.getMessage());
    }
  }

  private void evaluate(Benchmark benchmark, List<ObjectNode> records, Judges judges)
      throws InterruptedException {
    List<Callable<ObjectNode>> tasks = new ArrayList<>();
    for (ObjectNode record : records) {
      tasks.add(() -> {
        benchmark.evaluate(record, judges);
        return record;
      });
    }
    String phase = benchmark instanceof CodeBenchmark ? "scanning"
        : benchmark instanceof FrrBenchmark ? "detecting refusals"
        : benchmark instanceof CanaryExploitBenchmark ? "running exploits" : "judging";
    runAll(benchmark.name() + ": " + phase, tasks);
  }

  /** Runs the tasks on the configured number of threads, in order, with progress. */
  private List<ObjectNode> runAll(String label, List<Callable<ObjectNode>> tasks)
      throws InterruptedException {
    Progress progress = new Progress(progressOut, terminal, label, tasks.size());
    ExecutorService pool = Executors.newFixedThreadPool(config.parallelism(),
        Thread.ofPlatform().daemon().name("ward-cyberseceval-", 0).factory());
    try {
      List<Future<ObjectNode>> futures = new ArrayList<>();
      for (Callable<ObjectNode> task : tasks) {
        futures.add(pool.submit(() -> {
          try {
            return task.call();
          } finally {
            progress.advance();
          }
        }));
      }
      List<ObjectNode> results = new ArrayList<>(futures.size());
      for (Future<ObjectNode> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private ObjectNode runInfo(int entries, List<String> models) {
    ObjectNode info = Records.JSON.createObjectNode();
    info.put("benchmark", config.benchmark()).put("dataset", config.promptPath().toString())
        .put("test_cases", entries);
    info.putArray("models").addAll(models.stream()
        .map(m -> (JsonNode) Records.JSON.getNodeFactory().textNode(m)).toList());
    config.judge().ifPresent(j -> info.put("judge", Llms.displayName(j)));
    config.through().ifPresent(t -> info.put("through", t.toString()));
    return info;
  }

  private static void write(Path file, Object json) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    PRETTY.writeValue(temporary.toFile(), json);
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
