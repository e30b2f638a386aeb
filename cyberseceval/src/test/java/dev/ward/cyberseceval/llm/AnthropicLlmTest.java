package dev.ward.cyberseceval.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.cyberseceval.ScriptedLlmServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnthropicLlmTest {
  @Test
  void sendsTheSystemPromptInItsOwnField() throws Exception {
    try (var server = new ScriptedLlmServer(call -> ScriptedLlmServer.Reply.ok("hi " + call.user()))) {
      Llms llms = new Llms(new Llms.Options(64, new Backoff(1, Duration.ZERO, Duration.ZERO), null,
          null));
      Llm llm = llms.create(LlmSpec.parse("ANTHROPIC::claude-x::key::" + server.baseUrl()));
      assertThat(llm.query(Query.of("be brief", "there"))).isEqualTo("hi there");
      var call = server.calls().getFirst();
      assertThat(call.path()).isEqualTo("/v1/messages");
      assertThat(call.system()).isEqualTo("be brief");
      assertThat(call.body().path("max_tokens").asInt()).isEqualTo(64);
    }
  }
}
