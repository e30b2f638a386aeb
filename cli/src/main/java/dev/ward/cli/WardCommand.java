package dev.ward.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code ward} command. It only wires subcommands; each one parses its arguments,
 * calls a module and prints.
 */
@Command(
    name = "ward",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Safety guardrails for LLMs: Llama Guard in process, Code Shield, CyberSecEval.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      TaxonomyCommand.class,
      TokenizeCommand.class,
      LogitsCommand.class,
      GenerateCommand.class,
      GuardCommand.class,
      BenchCommand.class,
      ScanCommand.class,
      ScanBenchCommand.class,
      ScanEvalCommand.class,
      ScanRulesCommand.class,
      ServeModelCommand.class,
      CyberSecEvalCommand.class,
    },
    footer = {"", "Run 'ward COMMAND --help' for a command's options; './ward test' runs the test suite."})
final class WardCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Standard input of this run; tests give their own. */
  private final InputStream in;

  private WardCommand(InputStream in) {
    this.in = in;
  }

  static CommandLine commandLine() {
    return commandLine(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8));
  }

  static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new WardCommand(in));
    commandLine.setExecutionExceptionHandler(new Errors());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(WardCommand::usageError);
    return commandLine;
  }

  /** A bad command line: the problem, suggestions for a misspelled name, then the usage. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    command.usage(err);
    err.flush();
    return Errors.USAGE;
  }

  /** The standard input of the run a command belongs to. */
  static InputStream stdin(CommandLine.Model.CommandSpec command) {
    return ((WardCommand) command.root().userObject()).in;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
