package dev.ward.proxy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Where Llama Guard runs for the proxy: nowhere, in process, or on an inference server. */
public sealed interface GuardBackend {
  /** No guard: only Code Shield checks, if enabled. */
  record None() implements GuardBackend {}

  /**
   * A model file loaded in process.
   *
   * @param format {@code llama-guard-2} or {@code llama-guard-3}; empty to read it from the file
   * @param threshold the unsafe probability from which verdicts name categories
   * @param threads compute threads of a forward pass
   * @param queue classifications waiting at most
   */
  record Local(Path model, Optional<String> format, double threshold, int threads, int queue)
      implements GuardBackend {
    public Local {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(format, "format");
    }
  }

  /**
   * An OpenAI-compatible completions server with logprobs (vLLM, llama-server).
   *
   * @param apiKey never logged
   * @param tokenizer a Llama 3 tokenizer file (GGUF or tiktoken) to send token ids; empty for text
   */
  record Remote(URI url, Optional<String> model, String format, Optional<String> apiKey,
      Optional<Path> tokenizer, Duration timeout, int maxConcurrency, double threshold)
      implements GuardBackend {
    public Remote {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(tokenizer, "tokenizer");
      Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
      return "Remote[" + url + model.map(m -> " " + m).orElse("") + " (" + format + ")]";
    }
  }
}
