package dev.ward.codeshield.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {
  @ParameterizedTest
  @CsvSource({"c,C", "C++,CPP", "cpp,CPP", "c#,CSHARP", "cs,CSHARP", "csharp,CSHARP", "js,JAVASCRIPT",
      "node,JAVASCRIPT", "ts,TYPESCRIPT", "py,PYTHON", "python3,PYTHON", "rs,RUST", "golang,GO", "kt,KOTLIN",
      "rb,RUBY", "swift,SWIFT", "objc,OBJECTIVE_C", "Objective-C,OBJECTIVE_C", "php,PHP", "java,JAVA", "xml,XML"})
  void idsAndAliases(String name, Language expected) {
    assertThat(Language.of(name)).isEqualTo(expected);
  }

  @Test
  void unknownNamesListTheKnownIds() {
    assertThatThrownBy(() -> Language.of("cobol")).hasMessage(
        "unknown language 'cobol'; known: c, cpp, csharp, java, javascript, typescript, php, python, rust, go, kotlin, ruby, swift, objective-c, xml");
    assertThat(Language.find(null)).isEmpty();
  }

  @Test
  void fileExtensions() {
    assertThat(Language.forFileName("a/b/Main.java")).contains(Language.JAVA);
    assertThat(Language.forFileName("x.HPP")).contains(Language.CPP);
    assertThat(Language.forFileName("README")).isEmpty();
    assertThat(Language.forFileName("notes.txt")).isEmpty();
    assertThat(Language.forFileName("app/src/main/AndroidManifest.xml")).contains(Language.XML);
  }
}
