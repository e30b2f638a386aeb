package dev.ward.cli;

import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.bench.CyberSecEvalDataset;
import dev.ward.codeshield.bench.Sample;
import dev.ward.codeshield.bench.ScanBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan-bench", mixinStandardHelpOptions = true,
    description = {"Measure Code Shield latency on LLM-style answers of up to 200 lines.",
        "Warm, one thread, scanMarkdown per answer.",
        "Answers are built from CyberSecEval datasets (origin_code in fenced blocks); prints p50/p90/p99."})
final class ScanBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DATASET", arity = "1..*",
      description = "CyberSecEval JSON files (instruct.json, autocomplete.json).")
  List<Path> datasets;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "20", description = "Unmeasured rounds first. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "50", description = "Measured rounds. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Override
  public Integer call() throws IOException {
    if (rounds < 1 || warmup < 0) {
      throw new UsageException("--rounds must be >= 1 and --warmup >= 0, got " + rounds + " and " + warmup);
    }
    List<Sample> samples = ScanEvalCommand.read(datasets);
    PrintWriter out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    CodeShield shield = CodeShield.create();
    out.printf("loaded %d rules in %d ms%n", shield.rules().rules().size(), (System.nanoTime() - t0) / 1_000_000);
    List<String> answers = ScanBenchmark.answers(samples);
    out.println("200-line answers:   " + ScanBenchmark.run(shield, answers, warmup, rounds));
    List<String> single = new ArrayList<>();
    for (Sample s : samples) {
      single.add("```" + s.language() + "\n" + s.code() + "\n```\n");
    }
    out.println("one-snippet answers: " + ScanBenchmark.run(shield, single, Math.max(1, warmup / 5), Math.max(1, rounds / 5)));
    out.flush();
    return 0;
  }

  static void requireFiles(List<Path> files) {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UsageException("no such file: " + f);
      }
    }
  }

  static List<Sample> readAll(List<Path> files) throws IOException {
    requireFiles(files);
    List<Sample> samples = new ArrayList<>();
    for (Path f : files) {
      try {
        samples.addAll(CyberSecEvalDataset.read(f));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return samples;
  }
}
