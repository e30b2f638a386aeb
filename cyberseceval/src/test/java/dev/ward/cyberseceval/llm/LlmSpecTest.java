package dev.ward.cyberseceval.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LlmSpecTest {
  @Test
  void parsesProvidersKeysAndUrls() {
    LlmSpec spec = LlmSpec.parse("OPENAI::gpt-4o::sk-secret::http://127.0.0.1:8000/v1");
    assertThat(spec.provider()).isEqualTo(Provider.OPENAI);
    assertThat(spec.model()).isEqualTo("gpt-4o");
    assertThat(spec.baseUrl()).contains(URI.create("http://127.0.0.1:8000/v1"));
    assertThat(spec.toString()).doesNotContain("sk-secret");
    assertThat(LlmSpec.parse("LOCAL::models/x.gguf").model()).isEqualTo("models/x.gguf");
    assertThat(LlmSpec.parse("anthropic::claude::k").provider()).isEqualTo(Provider.ANTHROPIC);
  }

  @Test
  void rejectsBadSpecsWithoutEchoingTheKey() {
    assertThatThrownBy(() -> LlmSpec.parse("OPENAI::gpt-4o")).hasMessageContaining("API key");
    assertThatThrownBy(() -> LlmSpec.parse("FOO::m::k")).hasMessageContaining("unknown provider");
    assertThatThrownBy(() -> LlmSpec.parse("OPENAI::m::k::u::x")).hasMessageContaining("5 part");
    assertThatThrownBy(() -> LlmSpec.parse("OPENAI::m::sk-secret::ftp://x"))
        .hasMessageContaining("http(s)").hasMessageNotContaining("sk-secret");
    assertThatThrownBy(() -> LlmSpec.parse("LOCAL::x.gguf::key")).hasMessageContaining("LOCAL");
  }
}
