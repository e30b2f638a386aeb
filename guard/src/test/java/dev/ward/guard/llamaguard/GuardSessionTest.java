package dev.ward.guard.llamaguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.ward.guard.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Incremental checks of a growing conversation against cold classifications of each step. */
class GuardSessionTest {
  /** The words of a streamed answer, revealed a few at a time. */
  private static final String[] WORDS = ("Sure. Here is a careful answer: first measure the "
      + "flour and the water, then mix them and wait overnight; the starter should smell sour "
      + "but pleasant. Shape the dough, let it rise again, and bake it hot for forty minutes.")
      .split(" ");

  private final Path model = Fixtures.fixture("models/tiny-guard-q8_0.gguf");

  private static LlamaGuard.Options.Builder options(PromptFormat format) {
    return LlamaGuard.Options.builder().format(format).threads(2).verdictCacheSize(0);
  }

  @Test
  void aGrowingAnswerScoresAsColdClassificationsDo() {
    for (PromptFormat format : List.of(PromptFormat.llamaGuard2(), PromptFormat.llamaGuard3())) {
      try (LlamaGuard cold = LlamaGuard.load(model, options(format).prefixCache(false).build());
          LlamaGuard guard = LlamaGuard.load(model, options(format).build())) {
        GuardSession session = guard.session();
        int previousPrompt = 0;
        for (int words = 3; words <= WORDS.length; words += 5) {
          Conversation conversation = Conversation.response("How do I bake sourdough bread?",
              String.join(" ", List.of(WORDS).subList(0, words)));

          Verdict incremental = session.classify(conversation);
          Verdict reference = cold.classify(conversation);

          assertThat(incremental.unsafeProbability()).as("%s, %d words", format, words)
              .isCloseTo(reference.unsafeProbability(), offset(1e-6));
          assertThat(incremental.raw()).isEqualTo(reference.raw());
          int promptTokens = guard.prompt(conversation).tokens().length;
          assertThat(session.cachedTokens()).isGreaterThanOrEqualTo(promptTokens);
          assertThat(promptTokens).isGreaterThan(previousPrompt);
          previousPrompt = promptTokens;
        }
      }
    }
  }

  @Test
  void aConversationThatChangedElsewhereFallsBackAndStillScoresRight() {
    try (LlamaGuard cold = LlamaGuard.load(model, options(PromptFormat.llamaGuard2())
        .prefixCache(false).build());
        LlamaGuard guard = LlamaGuard.load(model, options(PromptFormat.llamaGuard2()).build())) {
      GuardSession session = guard.session();
      List<Conversation> steps = List.of(Conversation.response("Tell me a story", "Once upon"),
          Conversation.response("Tell me a story", "Once upon a time"),
          Conversation.prompt("Something else entirely"),
          Conversation.prompt("Something else entirely"),
          Conversation.response("Tell me a story", "Once upon a time"));
      for (Conversation conversation : steps) {
        assertThat(session.classify(conversation).unsafeProbability())
            .isCloseTo(cold.classify(conversation).unsafeProbability(), offset(1e-6));
      }
      session.clear();
      assertThat(session.classify(steps.getFirst()).unsafeProbability())
          .isCloseTo(cold.classify(steps.getFirst()).unsafeProbability(), offset(1e-6));
    }
  }

  @Test
  void checksFromSeveralThreadsRunInSubmissionOrder() {
    try (LlamaGuard cold = LlamaGuard.load(model, options(PromptFormat.llamaGuard2())
        .prefixCache(false).build());
        LlamaGuard guard = LlamaGuard.load(model, options(PromptFormat.llamaGuard2()).build())) {
      GuardSession session = guard.session();
      List<Conversation> steps = new ArrayList<>();
      for (int words = 2; words <= 12; words += 2) {
        steps.add(Conversation.response("Go on", String.join(" ", List.of(WORDS).subList(0, words))));
      }
      List<CompletableFuture<Verdict>> futures = new ArrayList<>();
      for (Conversation step : steps) {
        futures.add(session.classifyAsync(step));
      }
      for (int i = 0; i < steps.size(); i++) {
        assertThat(futures.get(i).join().unsafeProbability())
            .isCloseTo(cold.classify(steps.get(i)).unsafeProbability(), offset(1e-6));
      }
    }
  }
}
