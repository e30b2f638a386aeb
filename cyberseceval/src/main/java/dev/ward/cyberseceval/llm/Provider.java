package dev.ward.cyberseceval.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who serves a model: an API flavour and its default endpoint. */
public enum Provider {
  /** OpenAI, or any server that speaks its chat completions API (vLLM, llama-server, Ward). */
  OPENAI("https://api.openai.com/v1"),
  ANTHROPIC("https://api.anthropic.com"),
  /** Together AI, through its OpenAI-compatible API. */
  TOGETHER("https://api.together.xyz/v1"),
  /** A GGUF file run by Ward's own engine, served on loopback for the run. */
  LOCAL(null);

  private final String defaultBaseUrl;

  Provider(String defaultBaseUrl) {
    this.defaultBaseUrl = defaultBaseUrl;
  }

  String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  static Provider parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown provider '" + text + "'; known: "
          + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }
}
