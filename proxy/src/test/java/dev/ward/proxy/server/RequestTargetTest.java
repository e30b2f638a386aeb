package dev.ward.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetTest {
  @Test
  void pathsInNormalFormPass() {
    assertThat(RequestTarget.problem("/v1/chat/completions")).isEmpty();
    assertThat(RequestTarget.problem("/v1/models/gpt-4.1?limit=2&x=../y")).isEmpty();
    assertThat(RequestTarget.problem("/v1/models/")).isEmpty();
  }

  @Test
  void targetsThatCouldNameAnotherHostOrPathAreRefused() {
    assertThat(RequestTarget.problem("@evil.example/x://y/v1/models")).get().asString()
        .contains("must be a path");
    assertThat(RequestTarget.problem("http://evil.example/v1/models")).isPresent();
    assertThat(RequestTarget.problem("/v1/models/../chat/completions")).get().asString()
        .contains("dot segment");
    assertThat(RequestTarget.problem("/v1/models/%2E%2e/chat/completions")).isPresent();
    assertThat(RequestTarget.problem("/v1/models/.")).isPresent();
    assertThat(RequestTarget.problem("/v1/models%2f..%2fchat")).isPresent();
    assertThat(RequestTarget.problem("/v1/models\\..\\chat")).isPresent();
    assertThat(RequestTarget.problem("//v1/chat/completions")).isPresent();
    assertThat(RequestTarget.problem("/v1//models")).isPresent();
    assertThat(RequestTarget.problem("/v1/chat/complet%69ons")).get().asString()
        .contains("percent-encoded letter");
    assertThat(RequestTarget.problem("/v1/files/a%20b")).isEmpty();
  }
}
