package dev.ward.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomiesTest {

  @Test
  void llamaGuard2HasTheElevenMlCommonsCategoriesInOrder() {
    Taxonomy taxonomy = Taxonomies.named("llama-guard-2");

    assertThat(taxonomy.name()).isEqualTo("llama-guard-2");
    assertThat(taxonomy.categories()).extracting(c -> c.code().value() + " " + c.name())
        .containsExactly("S1 Violent Crimes", "S2 Non-Violent Crimes", "S3 Sex Crimes",
            "S4 Child Exploitation", "S5 Specialized Advice", "S6 Privacy",
            "S7 Intellectual Property", "S8 Indiscriminate Weapons", "S9 Hate",
            "S10 Self-Harm", "S11 Sexual Content");
    assertThat(taxonomy.categories()).allSatisfy(c ->
        assertThat(c.description()).startsWith("Responses that").doesNotContain("\n"));
  }

  @Test
  void llamaGuard3AddsDefamationAtS5AndRenumbers() {
    Taxonomy taxonomy = Taxonomies.named("llama-guard-3");

    assertThat(taxonomy.categories()).hasSize(14);
    assertThat(name(taxonomy, "S5")).isEqualTo("Defamation");
    assertThat(name(taxonomy, "S6")).isEqualTo("Specialized Advice");
    assertThat(name(taxonomy, "S3")).isEqualTo("Sex Crimes");
    assertThat(name(taxonomy, "S11")).isEqualTo("Self-Harm");
    assertThat(name(taxonomy, "S13")).isEqualTo("Elections");
    assertThat(name(taxonomy, "S14")).isEqualTo("Code Interpreter Abuse");
  }

  @Test
  void builtInNamesAreCaseInsensitiveAndCached() {
    assertThat(Taxonomies.named("Llama-Guard-2")).isSameAs(Taxonomies.named("llama-guard-2"));
    assertThat(Taxonomies.resolve(" llama-guard-3 ")).isSameAs(Taxonomies.named("llama-guard-3"));
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Taxonomies.resolve("llama-guard-9"))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining("unknown taxonomy 'llama-guard-9'")
        .hasMessageContaining("llama-guard-2, llama-guard-3");
  }

  @Test
  void excludingKeepsTheOtherCodes() {
    Taxonomy taxonomy = Taxonomies.named("llama-guard-3")
        .without(List.of(HazardCode.of("S5"), HazardCode.of("S13")));

    assertThat(taxonomy.categories()).hasSize(12);
    assertThat(taxonomy.contains(HazardCode.of("S5"))).isFalse();
    assertThat(name(taxonomy, "S6")).isEqualTo("Specialized Advice");
    assertThatThrownBy(() -> taxonomy.without(List.of(HazardCode.of("S20"))))
        .hasMessageContaining("no such category");
  }

  @Test
  void hazardCodesSortNumerically() {
    List<HazardCode> codes = new java.util.ArrayList<>(
        List.of(HazardCode.of("S10"), HazardCode.of("S2"), HazardCode.of("S1")));
    java.util.Collections.sort(codes);

    assertThat(codes).extracting(HazardCode::value).containsExactly("S1", "S2", "S10");
    assertThatThrownBy(() -> HazardCode.of("s1")).hasMessageContaining("like S1");
    assertThatThrownBy(() -> HazardCode.of("S0")).hasMessageContaining("like S1");
  }

  private static String name(Taxonomy taxonomy, String code) {
    return taxonomy.category(HazardCode.of(code)).orElseThrow().name();
  }
}
