package dev.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @Test
  void theSimpleCaseNeedsAnUpstream() {
    Cli.Result result = Cli.run("", "serve");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("give --upstream URL");
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertThat(Cli.run("", "serve", "--upstream", "ftp://x").err()).contains("needs an http(s)");
    assertThat(Cli.run("", "serve", "--upstream", "http://127.0.0.1:1", "--codeshield", "maybe")
        .err()).contains("--codeshield must be block, warn or off");
    assertThat(Cli.run("", "serve", "--upstream", "http://127.0.0.1:1", "--guard-threshold", "2")
        .exitCode()).isEqualTo(2);
  }

  @Test
  void aBadConfigurationNamesFileLineAndField(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("ward.yaml");
    Files.writeString(config, "upstreams:\n  openai: {url: \"http://127.0.0.1:1\"}\nroutes:\n"
        + "  - {input: sideways}\n");
    Cli.Result result = Cli.run("", "serve", "--config", config.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("ward.yaml:4: routes[0].input: expected before or concurrent; "
        + "got 'sideways'");
    assertThat(Cli.run("", "serve", "--config", config.toString(), "--upstream", "http://x")
        .err()).contains("with --config, set them in the file");
  }

  @Test
  void proxyBenchChecksItsOptions() {
    Cli.Result result = Cli.run("", "proxy-bench", "--concurrency", "0");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("concurrency levels must be within 1..1024");
  }
}
