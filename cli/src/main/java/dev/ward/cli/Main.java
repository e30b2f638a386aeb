package dev.ward.cli;

import picocli.CommandLine;

/** Entry point of the {@code ward} command; see {@link WardCommand} for the commands. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code: 0 ok, 1 a finding or failure, 2 usage. */
  static int run(String... args) {
    return WardCommand.commandLine().execute(args);
  }
}
