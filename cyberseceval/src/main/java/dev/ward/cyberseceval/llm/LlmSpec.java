package dev.ward.cyberseceval.llm;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A model to query, as the command line writes it: {@code PROVIDER::MODEL::KEY[::BASE_URL]}, or
 * {@code LOCAL::path/to/model.gguf} for Ward's own engine. The key is never shown by
 * {@link #toString()}.
 *
 * @param model the model name sent to the API (for LOCAL, the file path)
 * @param apiKey the API key; empty for LOCAL
 * @param baseUrl the endpoint, when not the provider's default
 */
public record LlmSpec(Provider provider, String model, String apiKey, Optional<URI> baseUrl) {
  public LlmSpec {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("the model name is empty");
    }
  }

  /**
   * Parses a spec.
   *
   * @throws IllegalArgumentException saying what is wrong (the key is never repeated back)
   */
  public static LlmSpec parse(String spec) {
    String[] parts = spec.split("::", -1);
    if (parts.length < 2 || parts.length > 4) {
      throw new IllegalArgumentException("a model spec is PROVIDER::MODEL::KEY[::BASE_URL] or "
          + "LOCAL::FILE.gguf; got " + parts.length + " part(s)");
    }
    Provider provider = Provider.parse(parts[0]);
    if (provider == Provider.LOCAL) {
      if (parts.length > 2) {
        throw new IllegalArgumentException("a LOCAL spec is LOCAL::FILE.gguf (no key, no URL)");
      }
      return new LlmSpec(provider, parts[1], "", Optional.empty());
    }
    if (parts.length < 3 || parts[2].isBlank()) {
      throw new IllegalArgumentException(provider + " specs need an API key: " + provider
          + "::MODEL::KEY[::BASE_URL] (any non-empty key for servers that take none)");
    }
    Optional<URI> base = Optional.empty();
    if (parts.length == 4) {
      base = Optional.of(httpUrl(parts[3]));
    }
    return new LlmSpec(provider, parts[1], parts[2], base);
  }

  /** An http(s) URL, or an error naming it. */
  public static URI httpUrl(String text) {
    URI uri;
    try {
      uri = URI.create(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: '" + text + "'");
    }
    if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
      throw new IllegalArgumentException("the URL must be http(s)://host[:port][/path]; got '"
          + text + "'");
    }
    return uri;
  }

  /** The same model reached at another endpoint (a Ward proxy in front of it). */
  public LlmSpec through(URI proxy) {
    return new LlmSpec(provider, model, apiKey, Optional.of(proxy));
  }

  @Override
  public String toString() {
    return provider + "::" + model + (apiKey.isEmpty() ? "" : "::***")
        + baseUrl.map(u -> "::" + u).orElse("");
  }
}
