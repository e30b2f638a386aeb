package dev.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WardCommandTest {

  @Test
  void helpListsTheCommands() {
    Cli.Result result = Cli.run("", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: ward", "taxonomy", "tokenize", "logits", "generate",
        "guard", "bench");
  }

  @Test
  void version() {
    Cli.Result result = Cli.run("", "--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("ward 0.").contains("Java 25");
  }

  @Test
  void unknownCommandsAndOptionsPrintUsageAndExit2() {
    Cli.Result command = Cli.run("", "frobnicate");
    assertThat(command.exitCode()).isEqualTo(2);
    assertThat(command.err()).contains("Unmatched argument at index 0: 'frobnicate'", "Usage: ward");

    Cli.Result option = Cli.run("", "taxonomy", "show", "--colour");
    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.err()).contains("Unknown option: '--colour'", "Usage: ward taxonomy show");

    Cli.Result none = Cli.run("");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("a command is required");
  }
}
