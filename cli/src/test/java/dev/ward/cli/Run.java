package dev.ward.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs one {@code ward} command line in process, with stdin given and stdout/stderr captured. */
record Run(int exitCode, String out, String err) {
  static Run of(String... args) {
    return withStdin("", args);
  }

  static Run withStdin(String stdin, String... args) {
    CommandLine commandLine = WardCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    CommandLine scan = commandLine.getSubcommands().get("scan");
    ((ScanCommand) scan.getCommand()).stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
