package dev.ward.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.taxonomy.GuardAnswer.Malformed;
import dev.ward.taxonomy.GuardAnswer.Safe;
import dev.ward.taxonomy.GuardAnswer.Unsafe;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GuardAnswerTest {
  private final Taxonomy lg2 = Taxonomies.named("llama-guard-2");

  @Test
  void safe() {
    assertThat(GuardAnswer.parse("safe", lg2)).isEqualTo(new Safe());
    assertThat(GuardAnswer.parse("\n\nsafe\n", lg2)).isEqualTo(new Safe());
  }

  @Test
  void unsafeWithCategoriesInTheModelsOrder() {
    GuardAnswer answer = GuardAnswer.parse("unsafe\nS10, S1,S10", lg2);

    assertThat(answer).isInstanceOf(Unsafe.class);
    assertThat(((Unsafe) answer).categories()).extracting(HazardCategory::name)
        .containsExactly("Self-Harm", "Violent Crimes");
  }

  @Test
  void llamaGuard3LeadsWithABlankLine() {
    GuardAnswer answer = GuardAnswer.parse("\n\nunsafe\nS14", Taxonomies.named("llama-guard-3"));

    assertThat(((Unsafe) answer).categories()).extracting(c -> c.code().value())
        .containsExactly("S14");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "Safe", "maybe", "unsafe", "unsafe\n", "unsafe\nS99",
      "unsafe\nviolence", "unsafe\nS1,,S2", "unsafe\nS1\nbecause", "safe\nS1", "unsafe S1",
      "I cannot help with that."})
  void malformedAnswersAreNeverSafe(String output) {
    assertThat(GuardAnswer.parse(output, lg2)).isInstanceOf(Malformed.class);
  }

  @Test
  void malformedSaysWhy() {
    assertThat(GuardAnswer.parse("unsafe\nS99", lg2))
        .isEqualTo(new Malformed("unknown category S99"));
    assertThat(GuardAnswer.parse("unsafe", lg2))
        .isEqualTo(new Malformed("'unsafe' without a line of categories"));
    assertThat(GuardAnswer.parse(null, lg2)).isEqualTo(new Malformed("no answer"));
  }

  @Test
  void codesMapBackThroughARenumberedPrompt() {
    Map<HazardCode, HazardCategory> prompt = Map.of(
        HazardCode.of("S1"), lg2.category(HazardCode.of("S7")).orElseThrow());

    GuardAnswer answer = GuardAnswer.parse("unsafe\nS1", code -> Optional.ofNullable(prompt.get(code)));

    assertThat(((Unsafe) answer).categories()).extracting(HazardCategory::name)
        .containsExactly("Intellectual Property");
  }
}
