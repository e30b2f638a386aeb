package dev.ward.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.proxy.pipeline.InputCheck;
import dev.ward.proxy.pipeline.StreamPolicy;
import dev.ward.taxonomy.Action;
import dev.ward.taxonomy.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  private static ProxyConfig parse(String yaml) {
    return ConfigReader.parse("ward.yaml", yaml.getBytes(StandardCharsets.UTF_8), Path.of("."));
  }

  @Test
  void aFullConfiguration() {
    ProxyConfig config = parse("""
        listen: {host: 127.0.0.1, port: 9000}
        upstreams:
          openai: {url: "https://api.example.com/", idle_timeout_ms: 5000}
          local: {url: "http://127.0.0.1:8000", api_key: "literal-key"}
        policies:
          lenient: {threshold: 0.9, on_failure: warn}
        policy: {threshold: 0.6}
        routes:
          - name: claude
            path: /v1/messages
            model: "claude-*"
            client_keys: ["sha256:%s"]
            upstream: local
            policy: lenient
            input: concurrent
            streaming: {mode: optimistic, window_chars: 100, max_hold_ms: 200}
            shadow: true
          - {name: rest, policy: {threshold: 0.7, categories: {S1: warn}}}
        passthrough:
          - {path: "/v1/models*", upstream: local}
        limits: {max_body_bytes: 1000, max_concurrent_checks: 4}
        access_log: off
        """.formatted(RouteConfig.sha256("client-key")));
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.upstreams().get("local").apiKey()).hasValue("literal-key");
    assertThat(config.upstreams().get("local").toString()).doesNotContain("literal-key");
    RouteConfig claude = config.routes().get(0);
    assertThat(claude.policy().threshold()).isEqualTo(0.9);
    assertThat(claude.policy().failures().values()).containsOnly(Action.WARN);
    assertThat(claude.inputMode()).isEqualTo(InputCheck.Mode.CONCURRENT);
    assertThat(claude.streaming().mode()).isEqualTo(StreamPolicy.Mode.OPTIMISTIC);
    assertThat(claude.streaming().windowChars()).isEqualTo(100);
    assertThat(claude.shadow()).isTrue();
    assertThat(claude.matches("/v1/messages", "claude-3", "client-key")).isTrue();
    assertThat(claude.matches("/v1/messages", "claude-3", "other-key")).isFalse();
    assertThat(claude.matches("/v1/messages", "gpt-4", "client-key")).isFalse();
    assertThat(config.routes().get(1).upstream()).isEqualTo("openai");
    assertThat(config.routes().get(1).policy().threshold()).isEqualTo(0.7);
    assertThat(config.defaultPolicy().threshold()).isEqualTo(0.6);
    assertThat(config.limits().maxBodyBytes()).isEqualTo(1000);
    assertThat(config.accessLog()).isEqualTo("off");
    assertThat(config.upstreams().get("openai").resolve("/v1/chat/completions?x=1"))
        .isEqualTo("https://api.example.com/v1/chat/completions?x=1");
  }

  @Test
  void problemsNameTheFileLineAndField() {
    assertThatThrownBy(() -> parse("""
        upstreams:
          openai: {url: "http://127.0.0.1:1"}
        routes:
          - {upstream: anthropic}
        """)).isInstanceOf(ConfigException.class)
        .hasMessage("ward.yaml:4: routes[0].upstream: no upstream named 'anthropic'; configured: [openai]");
    assertThatThrownBy(() -> parse("""
        upstreams:
          openai: {url: "http://127.0.0.1:1"}
        routes:
          - upstream: openai
            policy: {default: deny}
        """)).hasMessageStartingWith("ward.yaml:5: routes[0].policy.default: unknown action 'deny'");
    assertThatThrownBy(() -> parse("""
        upstreams:
          openai: {url: "http://127.0.0.1:1"}
        limits: {max_body_bytes: 0}
        """)).hasMessage("ward.yaml:3: limits.max_body_bytes: must be positive; got 0");
    assertThatThrownBy(() -> parse("""
        upstreams:
          openai: {url: "ftp://example.com"}
        """)).hasMessageContaining("upstreams.openai.url: upstream 'openai' needs an http(s)");
    assertThatThrownBy(() -> parse("""
        upstreams:
          openai: {url: "http://127.0.0.1:1", api_key: "env:WARD_TEST_SURELY_UNSET"}
        """)).hasMessage("ward.yaml:2: upstreams.openai.api_key: environment variable "
            + "WARD_TEST_SURELY_UNSET is not set");
    assertThatThrownBy(() -> parse("""
        upstreams:
          openai: {url: "http://127.0.0.1:1"}
        routes:
          - {client_keys: [my-plain-key]}
        """)).hasMessageContaining("routes[0].client_keys[0]: expected sha256:");
    assertThatThrownBy(() -> parse("""
        upstreams:
          openai: {url: "http://127.0.0.1:1"}
        listen: {prot: 80}
        """)).hasMessageContaining("ward.yaml:3: listen.prot: unknown field 'prot'");
  }
}
