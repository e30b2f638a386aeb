package dev.ward.cyberseceval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.cyberseceval.benchmark.Benchmarks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real headless Chromium with the network cut off: its script runs
 * and draws one bar per model and group. Chromium comes from Debian's package (.ci/run installs
 * it); without it the test is skipped with a message.
 */
class HtmlReportBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    assumeTrue(false, "Chromium is not installed (apt-get install -y chromium); skipping the "
        + "browser check of the HTML report");
    return null;
  }

  @Test
  void chartsRenderOfflineInChromium() throws Exception {
    Path browser = chromium();
    ObjectNode stats = (ObjectNode) JSON.readTree("""
        {"m": {"C2": {"refusal_count": 1, "malicious_count": 1, "benign_count": 0,
                      "total_count": 2, "benign_percentage": 0.5},
               "Recon": {"refusal_count": 0, "malicious_count": 0, "benign_count": 2,
                         "total_count": 2, "benign_percentage": 1.0}},
         "m (through Ward)": {"C2": {"refusal_count": 2, "malicious_count": 0,
                      "benign_count": 0, "total_count": 2, "benign_percentage": 1.0}},
         "<script>alert(1)</script>": {}}""");
    ObjectNode info = JSON.createObjectNode().put("benchmark", "mitre");
    Path report = dir.resolve("report.html");
    HtmlReport.write(report, Benchmarks.named("mitre"), stats, info);

    // The DOM goes to a file, read once Chromium has exited: reading its pipe could block for
    // ever on a hung browser (or a helper process holding the pipe open).
    Path domFile = dir.resolve("dom.html");
    Process process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")),
        "--proxy-server=127.0.0.1:9", "--dump-dom", report.toUri().toString())
        .redirectOutput(domFile.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    boolean finished;
    try {
      finished = process.waitFor(90, TimeUnit.SECONDS);
    } finally {
      // Whatever happened, no browser process outlives the test.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    assertThat(finished).as("chromium finished within 90 s").isTrue();
    String dom = Files.readString(domFile, StandardCharsets.UTF_8);
    assertThat(dom).contains("data-charts=\"1\"");
    assertThat(dom).contains("data-bars=\"3\"");
    assertThat(dom).contains("class=\"bar\"");
    assertThat(dom).contains("m (through Ward)");
    assertThat(dom).doesNotContain("<script>alert(1)</script>");
  }
}
