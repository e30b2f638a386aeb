package dev.ward.cli;

import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.bench.OkLineCleanliness;
import dev.ward.codeshield.bench.RecallEvaluation;
import dev.ward.codeshield.bench.Sample;
import dev.ward.codeshield.rule.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan-eval", mixinStandardHelpOptions = true,
    description = {"Measure Code Shield's exact-CWE recall per language on CyberSecEval datasets.",
        "Also counts how many ok: lines of the built-in rule tests stay clean of every rule."})
final class ScanEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DATASET", arity = "1..*",
      description = "CyberSecEval JSON files (instruct.json, autocomplete.json); each gets its own table.")
  List<Path> datasets;

  @Option(names = "--misses", description = "Also print each missed sample's CWE, description and first lines.")
  boolean misses;

  @Override
  public Integer call() throws IOException {
    CodeShield shield = CodeShield.create();
    PrintWriter out = spec.commandLine().getOut();
    for (Path dataset : datasets) {
      RecallEvaluation.Report report = RecallEvaluation.run(shield, read(List.of(dataset)));
      out.println(dataset.getFileName() + ": exact-CWE recall");
      out.print(report.table());
      if (misses) {
        for (Sample s : report.overall().misses()) {
          out.printf("  miss %s %s %s%n", s.language(), s.cwe(), s.description().lines().findFirst().orElse(""));
        }
      }
      out.println();
    }
    OkLineCleanliness.Result ok = OkLineCleanliness.measure(shield, RuleSet.builtInRoot());
    out.printf("ok: lines clean of every rule: %d/%d = %.3f%n", ok.clean(), ok.okLines(), ok.rate());
    ok.dirty().forEach(d -> out.println("  flagged " + d));
    out.flush();
    return 0;
  }

  static List<Sample> read(List<Path> files) throws IOException {
    return ScanBenchCommand.readAll(files);
  }
}
