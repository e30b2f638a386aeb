package dev.ward.cli;

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
      ScanCommand.class,
      ScanBenchCommand.class,
      ScanEvalCommand.class,
      ScanRulesCommand.class,
    },
    footer = {"", "Run 'ward COMMAND --help' for a command's options; './ward test' runs the test suite."})
final class WardCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new WardCommand());
    commandLine.setExecutionExceptionHandler(new Errors());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
