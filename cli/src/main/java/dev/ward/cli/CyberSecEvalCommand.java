package dev.ward.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ward.cyberseceval.benchmark.Benchmarks;
import dev.ward.cyberseceval.canary.CanaryGenerator;
import dev.ward.cyberseceval.canary.Challenge;
import dev.ward.cyberseceval.llm.Backoff;
import dev.ward.cyberseceval.llm.LlmSpec;
import dev.ward.cyberseceval.run.Progress;
import dev.ward.cyberseceval.run.RunConfig;
import dev.ward.cyberseceval.run.RunResult;
import dev.ward.cyberseceval.run.Runner;
import dev.ward.modelserver.ModelServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "cyberseceval", mixinStandardHelpOptions = true,
    description = "CyberSecEval 2 benchmarks: score LLMs on security risks, raw or guarded.",
    subcommands = {CyberSecEvalCommand.Run.class, CyberSecEvalCommand.GenerateCanary.class})
final class CyberSecEvalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: run or generate-canary");
  }

  @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Run one benchmark against one or more models.",
          "SPEC is PROVIDER::MODEL::KEY[::BASE_URL] (OPENAI, ANTHROPIC, TOGETHER; OPENAI takes "
              + "any compatible server) or LOCAL::FILE.gguf (Ward's engine).",
          "Answers and judgements are cached (--cache-file): a run started again after an "
              + "interruption pays only for what it had not got."})
  static final class Run implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--benchmark", required = true, paramLabel = "NAME",
        description = "instruct, autocomplete, mitre, frr, prompt-injection, interpreter or "
            + "canary-exploit.")
    String benchmark;

    @Option(names = "--prompt-path", required = true, paramLabel = "FILE",
        description = "The dataset (a JSON list); for canary-exploit, one made by "
            + "'ward cyberseceval generate-canary'.")
    Path promptPath;

    @Option(names = "--response-path", required = true, paramLabel = "FILE",
        description = "Where the answers are written.")
    Path responsePath;

    @Option(names = "--stat-path", paramLabel = "FILE", description = "Where the stats are written.")
    Path statPath;

    @Option(names = "--judge-response-path", paramLabel = "FILE",
        description = "Where judged records are written (mitre, prompt-injection, interpreter, "
            + "canary-exploit).")
    Path judgeResponsePath;

    @Option(names = "--report-path", paramLabel = "FILE.html",
        description = "The HTML report (default: beside the stats, or the answers).")
    Path reportPath;

    @Option(names = "--llm-under-test", required = true, paramLabel = "SPEC",
        description = "A model to test; repeat for several.")
    List<String> llmsUnderTest;

    @Option(names = "--judge-llm", paramLabel = "SPEC",
        description = "The judge (mitre, prompt-injection, interpreter).")
    String judge;

    @Option(names = "--expansion-llm", paramLabel = "SPEC",
        description = "The expansion model of mitre (default: the judge).")
    String expansion;

    @Option(names = "--num-test-cases", paramLabel = "N", defaultValue = "0",
        description = "Use N test cases spread over the dataset (default: all).")
    int numTestCases;

    @Option(names = "--run-llm-in-parallel", paramLabel = "N", arity = "0..1", defaultValue = "1",
        fallbackValue = "16",
        description = "Calls in flight at once (default 1; the bare flag: 16).")
    int parallel;

    @Option(names = "--through", paramLabel = "URL",
        description = "A Ward proxy (OpenAI-compatible): each model is also run through it, "
            + "and the report shows raw and guarded side by side.")
    String through;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "2048",
        description = "Longest answer asked of every model (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "8",
        description = "Attempts per call on 429, 5xx and network errors, with exponential "
            + "backoff from 0.5 s to 60 s (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--cache-file", paramLabel = "FILE",
        description = "The response cache (default: the answers' path + .cache.jsonl).")
    Path cacheFile;

    @Option(names = "--no-cache", description = "Ask everything again; keep no cache.")
    boolean noCache;

    @Option(names = "--threads", paramLabel = "N",
        description = "Compute threads of LOCAL models (default: one per core).")
    Integer threads;

    @Override
    public void run() {
      RunConfig config;
      try {
        if (!Benchmarks.NAMES.contains(benchmark) && !benchmark.equals("mitre-frr")) {
          throw new IllegalArgumentException("unknown benchmark '" + benchmark + "'; known: "
              + String.join(", ", Benchmarks.NAMES));
        }
        List<LlmSpec> specs = new ArrayList<>();
        for (String s : llmsUnderTest) {
          specs.add(LlmSpec.parse(s));
        }
        config = new RunConfig(benchmark, promptPath, responsePath, Optional.ofNullable(statPath),
            Optional.ofNullable(judgeResponsePath), Optional.ofNullable(reportPath), specs,
            Optional.ofNullable(judge).map(LlmSpec::parse),
            Optional.ofNullable(expansion).map(LlmSpec::parse), numTestCases, parallel,
            Optional.ofNullable(through).map(LlmSpec::httpUrl), maxTokens,
            new Backoff(maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(60)),
            noCache ? null : cacheFile != null ? cacheFile
                : responsePath.resolveSibling(responsePath.getFileName() + ".cache.jsonl"),
            this::serveLocal);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (PrintStream progress = new PrintStream(writerStream(err), true, StandardCharsets.UTF_8)) {
        RunResult result = Runner.run(config, progress, Progress.onTerminal());
        out.print(result.table());
        out.println(result.summary());
        statPath().ifPresent(p -> out.println("stats: " + p));
        out.println("report: " + result.report());
        out.flush();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted; answers so far are in the cache");
      } finally {
        servers.values().forEach(ModelServer::close);
      }
    }

    private Optional<Path> statPath() {
      return Optional.ofNullable(statPath);
    }

    private final Map<Path, ModelServer> servers = new LinkedHashMap<>();

    /** Serves a LOCAL model on a free loopback port for the run (once per file). */
    private synchronized URI serveLocal(Path model) {
      ModelServer server = servers.computeIfAbsent(model.toAbsolutePath().normalize(), file -> {
        ModelServer.Options.Builder options = ModelServer.Options.builder(file).port(0);
        if (threads != null) {
          options.threads(threads);
        }
        return ModelServer.start(options.build());
      });
      return server.baseUrl();
    }

    /** Progress lines go to the command's error writer (tests capture it). */
    private static OutputStream writerStream(PrintWriter writer) {
      return new OutputStream() {
        @Override
        public void write(int b) {
          writer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          writer.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
          writer.flush();
        }
      };
    }
  }

  @Command(name = "generate-canary", mixinStandardHelpOptions = true,
      description = {"Generate a canary-exploit dataset: constraint-satisfaction programs (C, "
          + "JavaScript, Python), SQLite injections and C buffer overflows, each with a winning "
          + "answer. Equal seeds give equal datasets."})
  static final class GenerateCanary implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write it.")
    Path output;

    @Option(names = "--num-test-cases", paramLabel = "N", defaultValue = "20",
        description = "Challenges of each kind (default ${DEFAULT-VALUE}).")
    int perKind;

    @Option(names = "--kind", paramLabel = "KIND", split = ",",
        description = "Kinds to generate (default all): c, javascript, python, sqlite, "
            + "buffer_overflow.")
    List<String> kinds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
        description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
      List<Challenge> challenges;
      try {
        challenges = CanaryGenerator.generate(seed, perKind,
            new LinkedHashSet<>(kinds == null ? CanaryGenerator.KINDS : kinds));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      ObjectMapper json = new ObjectMapper();
      ArrayNode list = json.createArrayNode();
      for (Challenge c : challenges) {
        list.addObject().put("mutated_prompt", c.prompt()).put("challenge_type", c.challengeType())
            .put("language", c.language()).put("code", c.code()).put("answer", c.answer());
      }
      try {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        json.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("    ", "\n")))
            .writeValue(output.toFile(), list);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      spec.commandLine().getOut().println("wrote " + challenges.size() + " challenges to " + output);
    }
  }
}
