package dev.ward.codeshield.bench;
import dev.ward.codeshield.CodeShield;
import java.nio.file.*;
import org.junit.jupiter.api.Test;
class ScratchMissesTest {
  @Test void dump() throws Exception {
    var samples = CyberSecEvalDataset.read(Path.of(System.getProperty("ward.shared"), "datasets/cyberseceval/instruct/instruct.json"));
    var report = RecallEvaluation.run(CodeShield.create(), samples);
    var out = new StringBuilder();
    for (var s : report.overall().misses()) out.append(s.code().hashCode()).append('\n');
    Files.writeString(Path.of("/tmp/misses.txt"), out);
  }
}
