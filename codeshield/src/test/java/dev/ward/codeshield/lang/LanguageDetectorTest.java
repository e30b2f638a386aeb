package dev.ward.codeshield.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.bench.CyberSecEvalDataset;
import dev.ward.codeshield.bench.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LanguageDetectorTest {
  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of("#include <stdio.h>\nint main(void) {\n  char buf[8];\n  printf(\"%s\", buf);\n}\n", Language.C),
        Arguments.of("#include <iostream>\nint main() {\n  std::cout << \"hi\";\n}\n", Language.CPP),
        Arguments.of("import os\n\ndef main():\n    print(os.getcwd())\n", Language.PYTHON),
        Arguments.of("public class Main {\n  public static void main(String[] args) {\n    System.out.println(1);\n  }\n}\n", Language.JAVA),
        Arguments.of("using System;\nnamespace App {\n  class P { static void Main() { Console.WriteLine(1); } }\n}\n", Language.CSHARP),
        Arguments.of("const fs = require('fs');\nfunction read(p) {\n  return fs.readFileSync(p);\n}\n", Language.JAVASCRIPT),
        Arguments.of("<?php\n$name = $_GET['n'];\necho $name;\n", Language.PHP),
        Arguments.of("use std::env;\nfn main() {\n    let mut v = Vec::new();\n    println!(\"{:?}\", v);\n}\n", Language.RUST),
        Arguments.of("package main\nimport \"fmt\"\nfunc main() {\n  x := 1\n  fmt.Println(x)\n}\n", Language.GO));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void detectsCommonLanguages(String code, Language expected) {
    assertThat(LanguageDetector.detect(code)).contains(expected);
  }

  @Test
  void signalsReadAroundTheirLiteralsAgreeWithReadingTheWholeText() throws IOException {
    List<String> texts = new ArrayList<>(samples().map(a -> (String) a.get()[0]).toList());
    String shared = System.getProperty("ward.shared");
    Path instruct = shared == null ? null : Path.of(shared, "datasets", "cyberseceval", "instruct", "instruct.json");
    Assumptions.assumeTrue(instruct != null && Files.isRegularFile(instruct), "CyberSecEval dataset not found; skipping");
    for (Sample s : CyberSecEvalDataset.read(instruct)) {
      texts.add(s.code());
      texts.add(s.code().replace("\n", " ")); // the same code on one line
    }
    for (String text : texts) {
      for (int signal = 0; signal < LanguageDetector.signals(); signal++) {
        assertThat(LanguageDetector.firesAroundLiterals(signal, text)).as("signal %d on %s", signal, text)
            .isEqualTo(LanguageDetector.firesOnWholeText(signal, text));
      }
    }
  }

  @Test
  void aMegabyteOfSignalWordsIsReadInLinearTime() {
    String hostile = "import os; print(x) => std::cout << include ".repeat(25_000);
    long start = System.nanoTime();

    assertThat(LanguageDetector.ranked(hostile)).isNotEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void proseIsNotCode(String ignored, Language alsoIgnored) {
    assertThat(LanguageDetector.detect("Thanks! Let me know if you have more questions about this topic.")).isEmpty();
  }
}
