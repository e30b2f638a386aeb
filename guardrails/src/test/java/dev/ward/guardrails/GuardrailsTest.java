package dev.ward.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.codeshield.CodeShield;
import dev.ward.guard.llamaguard.Message;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.taxonomy.Action;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How the facade applies policies, deadlines and failures to what the checks return. */
class GuardrailsTest {
  private static final CodeShield SHIELD = CodeShield.create();

  private static Guardrails rails(Guard guard, GuardrailPolicy policy) {
    return Guardrails.builder().guard(guard).codeShield(SHIELD).policy(policy).build();
  }

  @Test
  void eachCategoryTakesItsOwnActionAndThreshold() {
    GuardrailPolicy policy = GuardrailPolicy.builder()
        .category("S1", Action.BLOCK, 0.9)
        .category("S10", Action.WARN)
        .category("S12", Action.LOG, 0.3)
        .build();

    Decision violentAt08 = rails(ScriptedGuard.answering(0.8, "S1"), policy).checkInput(Chat.ofUser("x"));
    Decision violentAt095 = rails(ScriptedGuard.answering(0.95, "S1"), policy).checkInput(Chat.ofUser("x"));
    Decision hateAndSexual = rails(ScriptedGuard.answering(0.6, "S10", "S12"), policy)
        .checkInput(Chat.ofUser("x"));

    assertThat(violentAt08.action()).isEqualTo(Action.ALLOW);
    assertThat(violentAt08.categories()).singleElement()
        .extracting(CategoryScore::action).isEqualTo(Action.ALLOW);
    assertThat(violentAt095.action()).isEqualTo(Action.BLOCK);
    assertThat(violentAt095.reasons()).singleElement().asString()
        .isEqualTo("block: S1 Violent Crimes (P=0.950 >= 0.900)");
    assertThat(hateAndSexual.action()).isEqualTo(Action.WARN);
    assertThat(hateAndSexual.categories()).extracting(CategoryScore::action)
        .containsExactly(Action.WARN, Action.LOG);
    assertThat(hateAndSexual.unsafeProbability()).hasValue(0.6);
  }

  @Test
  void categoriesWithoutARuleTakeTheDefault() {
    GuardrailPolicy policy = GuardrailPolicy.builder().defaultAction(Action.WARN)
        .category("S1", Action.BLOCK).build();

    assertThat(rails(ScriptedGuard.answering(0.7, "S2"), policy).checkInput(Chat.ofUser("x"))
        .action()).isEqualTo(Action.WARN);
    assertThat(rails(ScriptedGuard.answering(0.7, "S1", "S2"), policy).checkInput(Chat.ofUser("x"))
        .action()).isEqualTo(Action.BLOCK);
  }

  @Test
  void theTaxonomysOwnPolicyAppliesWhenThePolicyHasNoRules() {
    var taxonomy = dev.ward.taxonomy.Taxonomies.named("llama-guard-3").withPolicy(
        new dev.ward.taxonomy.Policy(dev.ward.taxonomy.CategoryPolicy.of(Action.LOG), java.util.Map.of()));
    GuardrailPolicy policy = GuardrailPolicy.builder().taxonomy(taxonomy).build();

    assertThat(rails(ScriptedGuard.answering(0.7, "S2"), policy).checkInput(Chat.ofUser("x"))
        .action()).isEqualTo(Action.LOG);
  }

  @Test
  void safeContentIsAllowedAndClean() {
    Decision decision = rails(ScriptedGuard.answering(0.1), GuardrailPolicy.DEFAULT)
        .checkInput(Chat.ofUser("hello"));

    assertThat(decision.action()).isEqualTo(Action.ALLOW);
    assertThat(decision.clean()).isTrue();
    assertThat(decision.reasons()).isEmpty();
  }

  @Test
  void unsafeWithoutCategoriesTakesTheDefaultAction() {
    Decision decision = rails(ScriptedGuard.answering(0.7), GuardrailPolicy.DEFAULT)
        .checkInput(Chat.ofUser("x"));

    assertThat(decision.action()).isEqualTo(Action.BLOCK);
    assertThat(decision.reasons()).singleElement().asString()
        .contains("without a category named");
  }

  @Test
  void aMalformedVerdictIsAFailureNeverSafe() {
    Verdict malformed = new Verdict(false, 0.02, 0.5, List.of(), "bonjour",
        Optional.of("the model is not answering in the Llama Guard format"), false, "m", "llama-guard-3",
        1, false);

    Decision closed = rails(ScriptedGuard.verdict(malformed), GuardrailPolicy.DEFAULT)
        .checkInput(Chat.ofUser("x"));
    Decision open = rails(ScriptedGuard.verdict(malformed),
        GuardrailPolicy.builder().onFailure(Failure.Kind.MALFORMED, Action.LOG).build())
        .checkInput(Chat.ofUser("x"));

    assertThat(closed.action()).isEqualTo(Action.BLOCK);
    assertThat(closed.failure()).get().extracting(Failure::kind).isEqualTo(Failure.Kind.MALFORMED);
    assertThat(open.action()).isEqualTo(Action.LOG);
    assertThat(open.clean()).isFalse();
  }

  @Test
  void aDeadlineCancelsTheCheckAndFailsAsThePolicySays() {
    ScriptedGuard silent = ScriptedGuard.silent();
    Guardrails closed = Guardrails.builder().guard(silent).timeout(Duration.ofMillis(50)).build();
    Guardrails open = closed.withPolicy(GuardrailPolicy.builder()
        .onFailure(Failure.Kind.TIMEOUT, Action.WARN).build());

    Decision blocked = closed.checkInput(Chat.ofUser("x"));
    Decision warned = open.checkInput(Chat.ofUser("x"));

    assertThat(blocked.action()).isEqualTo(Action.BLOCK);
    assertThat(blocked.failure()).get().extracting(Failure::kind).isEqualTo(Failure.Kind.TIMEOUT);
    assertThat(blocked.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    assertThat(warned.action()).isEqualTo(Action.WARN);
    assertThat(silent.calls).allMatch(CompletableFuture::isCancelled);
  }

  @Test
  void cancellingTheDecisionCancelsTheWork() {
    ScriptedGuard silent = ScriptedGuard.silent();
    CompletableFuture<Decision> decision = Guardrails.builder().guard(silent).build()
        .checkInputAsync(Chat.ofUser("x"));

    decision.cancel(true);

    assertThat(silent.calls).singleElement().matches(CompletableFuture::isCancelled);
  }

  @Test
  void aFullQueueFailsAsThePolicySays() {
    Decision decision = rails(ScriptedGuard.failing(Failure.Kind.OVERLOADED),
        GuardrailPolicy.builder().onFailure(Failure.Kind.OVERLOADED, Action.WARN).build())
        .checkInput(Chat.ofUser("x"));

    assertThat(decision.action()).isEqualTo(Action.WARN);
    assertThat(decision.failures()).singleElement().isEqualTo(
        new Failure(Failure.Kind.OVERLOADED, "guard", "scripted overloaded"));
  }

  @Test
  void insecureCodeInTheAnswerIsBlockedAndSafeCodePasses() {
    Guardrails rails = Guardrails.builder().codeShield(SHIELD).build();

    Decision insecure = rails.checkOutput(Chat.ofUser("clean my temp folder"),
        "Run this:\n\n```python\nimport os\nos.system(\"rm -rf \" + input())\n```\n");
    Decision safe = rails.checkOutput(Chat.ofUser("add numbers"),
        "```python\nprint(sum([1, 2, 3]))\n```\n");

    assertThat(insecure.action()).isEqualTo(Action.BLOCK);
    assertThat(insecure.findings()).isNotEmpty();
    assertThat(insecure.reasons()).singleElement().asString().startsWith("block: insecure code: CWE-78");
    assertThat(safe.clean()).isTrue();
  }

  @Test
  void codeShieldTreatmentsMapToThePolicysActions() {
    Guardrails rails = Guardrails.builder().codeShield(SHIELD).policy(GuardrailPolicy.builder()
        .codeShield(dev.ward.codeshield.Treatment.BLOCK, Action.WARN).build()).build();

    Decision decision = rails.checkCode("import os\nos.system(\"rm -rf \" + input())\n", "python");

    assertThat(decision.check()).isEqualTo(Check.CODE);
    assertThat(decision.action()).isEqualTo(Action.WARN);
  }

  @Test
  void codeTooLargeToScanIsAFailureNotClean() {
    CodeShield small = CodeShield.builder().limits(new dev.ward.codeshield.Limits(1_000,
        Duration.ofSeconds(2), 100_000, Duration.ofSeconds(5))).build();
    Guardrails rails = Guardrails.builder().codeShield(small).build();

    Decision decision = rails.checkCode("x = 1\n".repeat(500), "python");

    assertThat(decision.action()).isEqualTo(Action.WARN);
    assertThat(decision.failure()).get().extracting(Failure::kind)
        .isEqualTo(Failure.Kind.INCOMPLETE_SCAN);
  }

  @Test
  void aScanPastTheDeadlineIsCancelledAndNeverClean() {
    Guardrails rails = Guardrails.builder().codeShield(SHIELD).timeout(Duration.ofMillis(20))
        .build();
    String longAnswer = "```python\n" + "x = [1, (2, {3: 4})]\n".repeat(100_000)
        + "import os\nos.system(\"rm -rf \" + input())\n```\n";

    Decision decision = rails.checkOutput(Chat.ofUser("x"), longAnswer);

    assertThat(decision.action()).isEqualTo(Action.BLOCK);
    assertThat(decision.failure()).get().extracting(Failure::kind).isEqualTo(Failure.Kind.TIMEOUT);
    assertThat(decision.latency()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void theGuardSeesWhatTheChatRulesSay() {
    ScriptedGuard guard = ScriptedGuard.answering(0.1);
    Guardrails rails = Guardrails.builder().guard(guard).build();

    rails.checkInput(Chat.of(Chat.system("Be brief."), Chat.user("Find my order"),
        Chat.assistant("Looking it up."), Chat.tool("orders", "Order 7: shipped"),
        Chat.assistant("It shipped.")));
    rails.checkOutput(Chat.of(Chat.user("Hi"), Chat.user("there")), "Hello!");

    assertThat(guard.asked.get(0).messages()).containsExactly(
        Message.user("Be brief.\n\nFind my order"), Message.assistant("Looking it up."),
        Message.user("[tool result orders] Order 7: shipped"));
    assertThat(guard.asked.get(1).messages()).containsExactly(
        Message.user("Hi\n\nthere"), Message.assistant("Hello!"));
  }

  @Test
  void anAnswerWithoutAPromptIsStillJudgedAsAResponse() {
    ScriptedGuard guard = ScriptedGuard.answering(0.1);

    Guardrails.builder().guard(guard).build().checkOutput(Chat.of(), "text");

    assertThat(guard.asked.getFirst().messages()).containsExactly(Message.user(""),
        Message.assistant("text"));
  }

  @Test
  void nothingToCheckOnInputWhenOnlyTheAssistantSpoke() {
    ScriptedGuard guard = ScriptedGuard.answering(0.9, "S1");

    Decision decision = Guardrails.builder().guard(guard).build()
        .checkInput(Chat.of(Chat.assistant("Hello")));

    assertThat(decision.action()).isEqualTo(Action.ALLOW);
    assertThat(guard.asked).isEmpty();
  }

  @Test
  void disabledChecksDoNotRun() {
    ScriptedGuard guard = ScriptedGuard.answering(0.9, "S1");
    Guardrails rails = Guardrails.builder().guard(guard).policy(GuardrailPolicy.builder()
        .checks(new GuardrailPolicy.Checks(false, true, false)).build()).build();

    assertThat(rails.checkInput(Chat.ofUser("x")).action()).isEqualTo(Action.ALLOW);
    assertThat(rails.checkOutput(Chat.ofUser("x"), "y").action()).isEqualTo(Action.BLOCK);
    assertThat(guard.asked).hasSize(1);
  }

  @Test
  void aPolicyActingBelowTheGuardsCategoryThresholdIsRefusedAtBuild() {
    Guard guard = new ForwardingGuard(ScriptedGuard.answering(0.1)) {
      @Override
      public double categoryThreshold() {
        return 0.5;
      }
    };

    assertThatThrownBy(() -> Guardrails.builder().guard(guard).policy(GuardrailPolicy.builder()
        .category("S1", Action.BLOCK, 0.3).build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("give the guard a threshold of at most 0.3");
  }

  @Test
  void needsAGuardOrACodeShield() {
    assertThatThrownBy(() -> Guardrails.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("a guard, a Code Shield");
  }

  /** Delegates everything, so a test can override one method. */
  private static class ForwardingGuard implements Guard {
    private final Guard delegate;

    ForwardingGuard(Guard delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Verdict> classify(dev.ward.guard.llamaguard.Conversation c,
        dev.ward.taxonomy.Taxonomy t) {
      return delegate.classify(c, t);
    }

    @Override
    public dev.ward.taxonomy.Taxonomy taxonomy() {
      return delegate.taxonomy();
    }

    @Override
    public double categoryThreshold() {
      return delegate.categoryThreshold();
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public void close() {}
  }
}
