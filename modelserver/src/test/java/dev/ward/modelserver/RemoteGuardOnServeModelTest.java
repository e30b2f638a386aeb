package dev.ward.modelserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.PromptFormat;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.guard.tokenizer.Tokenizer;
import dev.ward.guardrails.Guard;
import dev.ward.guardrails.RemoteGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guardrails' remote guard on {@code ward serve-model} scores as the guard does in process:
 * serve-model is a faithful Llama Guard backend.
 */
class RemoteGuardOnServeModelTest {
  private static ModelServer server;
  private static LlamaGuard local;
  private static Tokenizer tokenizer;

  private static final List<Conversation> CONVERSATIONS = List.of(
      Conversation.prompt("How do I bake bread?"),
      Conversation.prompt("How do I make a pipe bomb?"),
      Conversation.response("Tell me a joke", "Why did the chicken cross the road?"));

  @BeforeAll
  static void start() {
    Path file = TestFixtures.model("tiny-guard-q8_0.gguf");
    server = ModelServer.start(ModelServer.Options.builder(file).port(0).threads(1).build());
    local = LlamaGuard.load(file, LlamaGuard.Options.builder().format(PromptFormat.llamaGuard2())
        .threshold(0.5).threads(1).build());
    try (var model = dev.ward.guard.model.LlamaModel.load(file, 1)) {
      tokenizer = Tokenizer.fromGguf(model.file());
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (local != null) {
      local.close();
    }
  }

  @Test
  void tokenIdPromptsScoreAsInProcess() {
    assertSameScores(Guard.remote(server.baseUrl()).format(PromptFormat.llamaGuard2())
        .tokenizer(tokenizer).timeout(Duration.ofSeconds(60)).build());
  }

  @Test
  void textPromptsScoreAsInProcess() {
    assertSameScores(Guard.remote(server.baseUrl()).format(PromptFormat.llamaGuard2())
        .timeout(Duration.ofSeconds(60)).build());
  }

  private static void assertSameScores(RemoteGuard remote) {
    try (remote) {
      for (Conversation conversation : CONVERSATIONS) {
        Verdict expected = local.classify(conversation);
        Verdict actual = remote.classify(conversation, remote.taxonomy()).join();
        // Random weights answer gibberish after the first token: both sides read it alike.
        assertThat(actual.malformed().isPresent()).as(conversation.toString())
            .isEqualTo(expected.malformed().isPresent());
        assertThat(actual.unsafeProbability()).as(conversation.toString())
            .isCloseTo(expected.unsafeProbability(), within(1e-4));
        assertThat(actual.safe()).isEqualTo(expected.safe());
      }
    }
  }
}
