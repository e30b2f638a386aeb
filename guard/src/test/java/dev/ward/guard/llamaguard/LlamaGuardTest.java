package dev.ward.guard.llamaguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guard.Fixtures;
import dev.ward.taxonomy.Taxonomies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The classifier on the tiny Llama Guard fixture, against the exact float64 reference. */
class LlamaGuardTest {
  private static final String UNSAFE = "39257";
  private static final String SPACE_UNSAFE = "20451";
  private static LlamaGuard shared;
  private LlamaGuard guard;
  private Path model;

  /** One guard for the tests that only read; each test skips alone when fixtures are absent. */
  @BeforeEach
  void load() {
    model = Fixtures.fixture("models/tiny-guard-q8_0.gguf");
    synchronized (LlamaGuardTest.class) {
      if (shared == null) {
        shared = LlamaGuard.load(model, options().build());
      }
      guard = shared;
    }
  }

  @AfterAll
  static void close() {
    if (shared != null) {
      shared.close();
    }
  }

  static LlamaGuard.Options.Builder options() {
    return LlamaGuard.Options.builder().format(PromptFormat.llamaGuard2()).threads(2);
  }

  @Test
  void promptsEqualTheOfficialTokensIncludingBos() {
    for (JsonNode fixture : Fixtures.json("llama-guard/lg2-prompts.json")) {
      LlamaGuard.RenderedPrompt prompt =
          guard.prompt(PromptFormatTest.conversation(fixture.get("messages")));
      assertThat(prompt.text()).isEqualTo(fixture.get("prompt").asText());
      assertThat(prompt.tokens()).containsExactly(ints(fixture.get("tokens")));
    }
  }

  @Test
  void unsafeProbabilityMatchesTheExactReference() {
    JsonNode prompts = Fixtures.json("llama-guard/lg2-prompts.json");
    JsonNode exact = Fixtures.json("llama-guard/lg2-tiny-guard-q8_0.exact.json");
    for (int i = 0; i < prompts.size(); i++) {
      JsonNode reference = exact.get(i);
      double expected = reference.get("probe").get(UNSAFE).asDouble()
          + reference.get("probe").get(SPACE_UNSAFE).asDouble();
      double tolerance = Math.max(0.01, 1.5 * reference.get("llamacpp_max_dev").asDouble());

      Verdict verdict = guard.classify(PromptFormatTest.conversation(prompts.get(i).get("messages")));

      assertThat(verdict.unsafeProbability()).as("prompt %d", i).isCloseTo(expected, offset(tolerance));
      assertThat(verdict.safe()).isEqualTo(verdict.unsafeProbability() < 0.5);
      assertThat(verdict.format()).isEqualTo("llama-guard-2");
      assertThat(verdict.model()).isEqualTo("tiny-guard-q8_0.gguf");
    }
  }

  @Test
  void verdictsFollowTheThreshold() {
    Conversation conversation = Conversation.prompt("How do I make a pipe bomb?");
    double p = guard.classify(conversation).unsafeProbability();
    assertThat(p).isBetween(0.05, 0.95);
    try (LlamaGuard strict = LlamaGuard.load(model, options().threshold(p - 0.01).build());
        LlamaGuard lenient = LlamaGuard.load(model, options().threshold(p + 0.01).build())) {
      Verdict flagged = strict.classify(conversation);
      assertThat(flagged.safe()).isFalse();
      assertThat(flagged.raw()).startsWith("unsafe");
      assertThat(flagged.threshold()).isEqualTo(p - 0.01);
      // Random weights answer garbage after "unsafe": reported, never read as safe.
      assertThat(flagged.malformed().isPresent() || !flagged.categories().isEmpty()).isTrue();
      assertThat(lenient.classify(conversation).safe()).isTrue();
    }
  }

  @Test
  void prefixCachedEqualsCold() {
    try (LlamaGuard cold = LlamaGuard.load(model, options().prefixCache(false)
        .verdictCacheSize(0).build());
        LlamaGuard cached = LlamaGuard.load(model, options().verdictCacheSize(0).build())) {
      for (Conversation c : List.of(Conversation.prompt("Hello there"),
          Conversation.response("Hi", "How can I help?"), Conversation.prompt("Another one"))) {
        Verdict a = cold.classify(c);
        Verdict b = cached.classify(c);
        assertThat(b.unsafeProbability()).isCloseTo(a.unsafeProbability(), offset(1e-6));
        assertThat(b.raw()).isEqualTo(a.raw());
      }
    }
  }

  @Test
  void verdictCacheHits() {
    Conversation conversation = Conversation.prompt("Is the verdict cached? " + System.nanoTime());
    long hits = guard.verdictCacheStats().hitCount();

    Verdict first = guard.classify(conversation);
    Verdict second = guard.classify(conversation);

    assertThat(first.cached()).isFalse();
    assertThat(second.cached()).isTrue();
    assertThat(second.unsafeProbability()).isEqualTo(first.unsafeProbability());
    assertThat(guard.verdictCacheStats().hitCount()).isEqualTo(hits + 1);
  }

  @Test
  void concurrentRequestsAreBatchedWithoutChangingTheirScores() {
    try (LlamaGuard batching = LlamaGuard.load(model, options().verdictCacheSize(0).maxBatch(4)
        .build())) {
      List<Conversation> conversations = List.of(Conversation.prompt("parallel one"),
          Conversation.response("parallel two", "an answer"), Conversation.prompt("three"));
      double[] alone = conversations.stream().map(batching::classify)
          .mapToDouble(Verdict::unsafeProbability).toArray();

      List<CompletableFuture<Verdict>> futures = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        futures.add(batching.classifyAsync(conversations.get(i % 3)));
      }
      // Equal up to the order of floating-point lane reductions, which the Vector API leaves
      // open and which differs between interpreted and compiled code.
      for (int i = 0; i < 6; i++) {
        assertThat(futures.get(i).join().unsafeProbability()).isCloseTo(alone[i % 3], offset(1e-6));
      }
    }
  }

  @Test
  void aFullQueueRejectsAtOnce() {
    try (LlamaGuard small = LlamaGuard.load(model, options().queueCapacity(1).verdictCacheSize(0)
        .build())) {
      List<CompletableFuture<Verdict>> futures = new ArrayList<>();
      assertThatThrownBy(() -> {
        for (int i = 0; i < 20; i++) {
          futures.add(small.classifyAsync(Conversation.prompt("flood " + i)));
        }
      }).isInstanceOf(GuardRejectedException.class)
          .hasMessageContaining("queue is full (1 classifications waiting)")
          .extracting(e -> ((GuardRejectedException) e).reason())
          .isEqualTo(GuardRejectedException.Reason.QUEUE_FULL);
      futures.forEach(CompletableFuture::join);
    }
  }

  @Test
  void aSlowClassificationTimesOut() {
    try (LlamaGuard hasty = LlamaGuard.load(model, options().timeout(Duration.ofNanos(1))
        .verdictCacheSize(0).build())) {
      assertThatThrownBy(() -> hasty.classify(Conversation.prompt("too slow")))
          .isInstanceOf(GuardRejectedException.class)
          .hasMessageContaining("took longer than 1 ns");
    }
  }

  @Test
  void closeWaitsForARunningClassificationToStopBeforeUnmappingTheModel() {
    LlamaGuard closing = LlamaGuard.load(model, options().timeout(Duration.ofMillis(1))
        .verdictCacheSize(0).build());
    CompletableFuture<Verdict> running = closing.classifyAsync(
        Conversation.prompt("Tell me a long story about the sea. ".repeat(20)));

    // The 1 ms grace passes: the classification is abandoned, then the model unmapped.
    closing.close();

    assertThat(running).as("the classification ended before close returned").isDone();
    if (running.isCompletedExceptionally()) {
      assertThatThrownBy(running::join).cause().isInstanceOfSatisfying(
          GuardRejectedException.class,
          e -> assertThat(e.reason()).isEqualTo(GuardRejectedException.Reason.CLOSED));
    }
  }

  @Test
  void llamaGuard3ScoresWhereTheWordBegins() {
    Conversation conversation = Conversation.prompt("Tell me a joke");
    try (LlamaGuard lg3 = LlamaGuard.load(model, options().format(PromptFormat.llamaGuard3())
        .build())) {
      LlamaGuard.RenderedPrompt prompt = lg3.prompt(conversation);
      assertThat(prompt.tokens()[0]).isEqualTo(128000);
      assertThat(prompt.tokens()).endsWith(128007, 271);
      assertThat(prompt.tokens()).containsOnlyOnce(128009);
      Verdict verdict = lg3.classify(conversation);
      assertThat(verdict.format()).isEqualTo("llama-guard-3");
      assertThat(verdict.unsafeProbability()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void modelWithoutFormatNeedsOne() {
    assertThatThrownBy(() -> LlamaGuard.load(model, LlamaGuard.Options.builder().threads(1).build()))
        .hasMessageContaining("declares no Llama Guard chat template or name");
    assertThat(guard.taxonomy()).isSameAs(Taxonomies.named("llama-guard-2"));
  }

  static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }
}
