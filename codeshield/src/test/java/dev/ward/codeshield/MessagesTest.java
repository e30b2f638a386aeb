package dev.ward.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.codeshield.pattern.Bindings;
import dev.ward.codeshield.pattern.Bound;
import dev.ward.codeshield.pattern.Match;
import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void boundMetavariablesAreReplacedByTheirCode() {
    Match match = new Match(0, 11, Bindings.EMPTY.with("F", new Bound.Text("system", 0, 6)));

    assertThat(Messages.interpolate("$F runs a shell", match, "system(cmd)")).isEqualTo("system runs a shell");
  }

  @Test
  void anUnboundMetavariableIsReplacedByTheMatchedCodeShortened() {
    Match match = new Match(0, 11, Bindings.EMPTY);

    assertThat(Messages.interpolate("$F runs a shell", match, "system(\n  cmd)")).isEqualTo("system( cmd) runs a shell");
    assertThat(Messages.interpolate("($P is on the stack)", match, "free(&" + "x".repeat(100) + ")"))
        .startsWith("(free(&xxx").contains("… is on the stack)");
  }
}
