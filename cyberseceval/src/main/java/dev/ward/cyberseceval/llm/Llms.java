package dev.ward.cyberseceval.llm;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the {@link Llm} for a spec: the provider's client, retries, the response cache, and for
 * a guarded run the Ward proxy's address in place of the provider's.
 */
public final class Llms {
  /** Serves a GGUF file with Ward's engine for the run; returns its OpenAI-compatible base URL. */
  @FunctionalInterface
  public interface LocalModels {
    URI serve(Path model);
  }

  /** What every client of a run shares. {@code cache} and {@code local} may be null. */
  public record Options(int maxTokens, Backoff backoff, ResponseCache cache, LocalModels local) {
    public Options {
      Objects.requireNonNull(backoff, "backoff");
      if (maxTokens < 1) {
        throw new IllegalArgumentException("max tokens must be >= 1; got " + maxTokens);
      }
    }
  }

  /** The suffix of a model's name when its traffic goes through a Ward proxy. */
  public static final String GUARDED_SUFFIX = " (through Ward)";

  private final Options options;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
      .build();
  private final AtomicLong cacheHits = new AtomicLong();

  public Llms(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Answers served from the cache so far. */
  public long cacheHits() {
    return cacheHits.get();
  }

  /** The model of {@code spec}, queried directly. */
  public Llm create(LlmSpec spec) {
    return create(spec, Optional.empty());
  }

  /**
   * The model of {@code spec}; with {@code proxy}, its traffic goes through that Ward proxy (an
   * OpenAI-compatible endpoint), and its name says so.
   */
  public Llm create(LlmSpec spec, Optional<URI> proxy) {
    String name = displayName(spec) + (proxy.isPresent() ? GUARDED_SUFFIX : "");
    boolean behindProxy = proxy.isPresent();
    Llm llm = switch (spec.provider()) {
      case OPENAI, TOGETHER -> new OpenAiLlm(name, spec.model(), spec.apiKey(),
          proxy.or(spec::baseUrl).orElseGet(() -> URI.create(spec.provider().defaultBaseUrl())),
          options.maxTokens(), spec.provider() == Provider.OPENAI, http, options.backoff(),
          behindProxy);
      case ANTHROPIC -> new AnthropicLlm(name, spec.model(), spec.apiKey(),
          proxy.or(spec::baseUrl).orElseGet(() -> URI.create(spec.provider().defaultBaseUrl())),
          options.maxTokens(), http, options.backoff(), behindProxy);
      case LOCAL -> {
        if (options.local() == null) {
          throw new IllegalArgumentException("LOCAL models need Ward's engine, which this runner "
              + "was built without");
        }
        Path file = Path.of(spec.model());
        URI base = options.local().serve(file);
        yield new OpenAiLlm(name, file.getFileName().toString(), "local", proxy.orElse(base),
            options.maxTokens(), true, http, options.backoff(), behindProxy);
      }
    };
    return options.cache() == null ? llm : new CachedLlm(llm, options.cache(), cacheHits);
  }

  /** The name records and stats use: the model name, or a local file's name. */
  public static String displayName(LlmSpec spec) {
    return spec.provider() == Provider.LOCAL ? Path.of(spec.model()).getFileName().toString()
        : spec.model();
  }
}
