package dev.ward.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private final Taxonomy lg2 = Taxonomies.named("llama-guard-2");
  private final HazardCategory violent = lg2.category(HazardCode.of("S1")).orElseThrow();
  private final HazardCategory privacy = lg2.category(HazardCode.of("S6")).orElseThrow();
  private final Policy policy = new Policy(CategoryPolicy.of(Action.BLOCK), Map.of(
      HazardCode.of("S6"), CategoryPolicy.of(Action.WARN, 0.9)));

  @Test
  void strictestActionAmongCategoriesOverTheirThreshold() {
    assertThat(policy.decide(List.of(privacy), 0.95, 0.5)).isEqualTo(Action.WARN);
    assertThat(policy.decide(List.of(privacy), 0.7, 0.5)).isEqualTo(Action.ALLOW);
    assertThat(policy.decide(List.of(privacy, violent), 0.7, 0.5)).isEqualTo(Action.BLOCK);
  }

  @Test
  void unsafeWithoutCategoriesFallsBackAndFailsClosed() {
    assertThat(policy.decide(List.of(), 0.6, 0.5)).isEqualTo(Action.BLOCK);
    assertThat(policy.decide(List.of(), 0.4, 0.5)).isEqualTo(Action.ALLOW);
  }

  @Test
  void actionsParseAndOrder() {
    assertThat(Action.parse(" Warn ")).isEqualTo(Action.WARN);
    assertThat(Action.LOG.strictest(Action.BLOCK)).isEqualTo(Action.BLOCK);
    assertThatThrownBy(() -> Action.parse("deny"))
        .hasMessage("unknown action 'deny'; expected one of block, warn, log, allow");
  }

  @Test
  void thresholdsAreProbabilities() {
    assertThatThrownBy(() -> CategoryPolicy.of(Action.BLOCK, -0.1))
        .hasMessageContaining("within [0, 1]");
    assertThatThrownBy(() -> CategoryPolicy.of(Action.BLOCK, Double.NaN))
        .hasMessageContaining("within [0, 1]");
  }
}
