package dev.ward.cli;

import dev.ward.codeshield.rule.Rule;
import dev.ward.codeshield.rule.RuleProblem;
import dev.ward.codeshield.rule.RuleSet;
import dev.ward.codeshield.rule.RuleTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan-rules", mixinStandardHelpOptions = true,
    description = {"For rule authors: list rules, check rule files, run their annotated tests.",
        "Without PATH: the built-in rules. Exit 1 when a test fails, 2 when a rule does not load."})
final class ScanRulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--test", description = "Run each rule file's annotated test files (foo.yaml beside foo.c, foo.py...).")
  boolean test;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Rule files or folders.")
  List<Path> paths = List.of();

  @Override
  public Integer call() throws IOException {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new UsageException("no such file or folder: " + p);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    RuleSet rules = paths.isEmpty() ? RuleSet.builtIn() : RuleSet.load(paths);
    for (RuleProblem problem : rules.problems()) {
      spec.commandLine().getErr().println("ward scan-rules: " + problem);
    }
    spec.commandLine().getErr().flush();
    if (!test) {
      for (Rule rule : rules.rules()) {
        out.printf("%-40s %-8s %-8s %s%n", rule.id(), rule.cwe(), rule.severity(),
            rule.languages().stream().map(Object::toString).collect(Collectors.joining(",")));
      }
      out.printf("%d rules, %d problems%n", rules.rules().size(), rules.problems().size());
      out.flush();
      return rules.problems().isEmpty() ? 0 : Errors.USAGE;
    }
    int failed = 0;
    int passed = 0;
    List<Path> roots = paths.isEmpty() ? List.of(RuleSet.builtInRoot()) : paths;
    for (Path root : roots) {
      for (RuleTests.Case c : RuleTests.discover(root)) {
        List<RuleTests.Result> results;
        try {
          results = RuleTests.run(c);
        } catch (IllegalStateException e) {
          out.println("FAIL " + c.testFile() + ": " + e.getMessage());
          failed++;
          continue;
        }
        for (RuleTests.Result r : results) {
          if (r.passed()) {
            passed++;
          } else {
            failed++;
            out.println("FAIL " + c.testFile() + ": " + r);
          }
        }
      }
    }
    out.printf("rule tests: %d results ok, %d failing%n", passed, failed);
    out.flush();
    if (!rules.problems().isEmpty()) {
      return Errors.USAGE;
    }
    return failed == 0 ? 0 : 1;
  }
}
