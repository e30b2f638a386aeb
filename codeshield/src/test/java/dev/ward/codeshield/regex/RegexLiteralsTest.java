package dev.ward.codeshield.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {
  @Test
  void findsTheLongestRequiredRunPerAlternative() {
    assertThat(RegexLiterals.required("\\bAIza[0-9A-Za-z_-]{35}\\b")).contains(List.of("AIza"));
    assertThat(RegexLiterals.required("\\bya29\\.[0-9A-Za-z_-]{20,}")).contains(List.of("ya29."));
    assertThat(RegexLiterals.required("-----BEGIN ((RSA|EC) )?PRIVATE KEY-----")).contains(List.of("PRIVATE KEY-----"));
    assertThat(RegexLiterals.required("\\bauto_ptr\\s*<|\\bunique_ptr")).contains(List.of("auto_ptr", "unique_ptr"));
  }

  @Test
  void looksIntoARequiredGroupWhenTheTopLevelHasNoRun() {
    assertThat(RegexLiterals.required("^(os\\.system|os\\.popen)$")).contains(List.of("os.system", "os.popen"));
    assertThat(RegexLiterals.required("(md5|sha1)\\(")).contains(List.of("md5", "sha1"));
    assertThat(RegexLiterals.required("^(?:ab|(?P<n>cd|ef))+x")).contains(List.of("ab", "cd", "ef"));
    assertThat(RegexLiterals.required("^(::|std::)(strcpy|strcat)$")).contains(List.of("strcpy", "strcat"));
    assertThat(RegexLiterals.required("\\b(Md5|Sha1)\\s*::\\s*(new|default)\\b")).as("a group beats a shorter run")
        .contains(List.of("Md5", "Sha1"));
    assertThat(RegexLiterals.required("^(ab|c)?$")).isEqualTo(Optional.empty());
  }

  @Test
  void aCaseInsensitiveRegexGivesItsLiteralsInLowerCase() {
    assertThat(RegexLiterals.requiredIgnoringCase("(?i)^\\w*(PASSW(or)?d|Secret)\\w*$")).contains(List.of("passw", "secret"));
    assertThat(RegexLiterals.requiredIgnoringCase("passw")).isEqualTo(Optional.empty());
    assertThat(RegexLiterals.requiredIgnoringCase("(?i)x(?i)yz")).isEqualTo(Optional.empty());
    assertThat(RegexLiterals.requiredIgnoringCase("(?i)sch\u00f6n")).isEqualTo(Optional.empty());
  }

  @Test
  void optionalAndRepeatedCharactersEndARun() {
    assertThat(RegexLiterals.longestRun("colou?r")).isEqualTo("colo");
    assertThat(RegexLiterals.longestRun("ab+cdef")).isEqualTo("cdef");
    assertThat(RegexLiterals.longestRun("x{0,3}yz")).isEqualTo("yz");
    assertThat(RegexLiterals.longestRun("abc{2}de")).isEqualTo("abc");
  }

  @Test
  void givesUpWhenItCannotProveALiteral() {
    assertThat(RegexLiterals.required("(?i)password")).isEqualTo(Optional.empty());
    assertThat(RegexLiterals.required("(md|sh)\\(|x")).isEqualTo(Optional.empty());
    assertThat(RegexLiterals.required("abc|[0-9]+")).isEqualTo(Optional.empty());
  }
}
