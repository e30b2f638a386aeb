package dev.ward.cyberseceval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void plainOutputIsOneLinePerTenthWithRateAndEta() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
        "frr: querying", 100);
    for (int i = 0; i < 100; i++) {
      progress.advance();
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(11);
    assertThat(lines[1]).startsWith("frr: querying 10/100").contains("/s").contains("ETA");
    assertThat(lines[10]).startsWith("frr: querying 100/100").contains("took");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r", "[#");
  }

  @Test
  void aTerminalGetsABarRedrawnInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
        "judging", 4);
    for (int i = 0; i < 4; i++) {
      progress.advance();
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\r").contains("judging [").contains("4/4").endsWith("\n");
    assertThat(out.strip().split("\n")).hasSize(1);
  }
}
