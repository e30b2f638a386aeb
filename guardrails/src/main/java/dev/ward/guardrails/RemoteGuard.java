package dev.ward.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.Message;
import dev.ward.guard.llamaguard.Prompt;
import dev.ward.guard.llamaguard.PromptFormat;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.guard.tokenizer.Tokenizer;
import dev.ward.taxonomy.GuardAnswer;
import dev.ward.taxonomy.HazardCategory;
import dev.ward.taxonomy.Taxonomy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Llama Guard on an inference server: vLLM, llama.cpp's {@code llama-server}, or
 * {@code ward serve-model}, over the OpenAI-compatible {@code /v1/completions} API with
 * {@code logprobs}. The prompt is rendered here, exactly as the local guard renders it, and the
 * score is computed here from the server's log-probabilities of the first answer token:
 * P(unsafe) = P("unsafe") + P(" unsafe"), as in process. Many stateless Ward instances can so
 * share one pool of GPU servers.
 *
 * <p>With a {@link Builder#tokenizer tokenizer} the prompt is sent as token ids, so the server
 * sees exactly the tokens the local engine would, control tokens included, and message text can
 * never become a control token. Without one it is sent as text; then {@code <|} in messages is
 * broken up ({@code <\u200b|}) so that user text cannot forge the template's control tokens when
 * the server parses them.
 *
 * <p>A server whose model is not a Llama Guard model (or whose tokenizer is not Llama 3's)
 * answers with little probability on "safe" and "unsafe": such verdicts are malformed, never
 * safe. Connection failures, 429 and 5xx answers are retried with exponential backoff; HTTP
 * connections are pooled by the JDK client; at most {@link Builder#maxConcurrency} calls run at
 * once, more fail at once as {@link Failure.Kind#OVERLOADED}.
 */
public final class RemoteGuard implements Guard {
  /** Llama 3 vocabulary ids, used when no tokenizer is given. */
  private static final int UNSAFE = 39257;
  private static final int SPACE_UNSAFE = 20451;
  private static final int SAFE = 19193;
  private static final int SPACE_SAFE = 6220;
  private static final int TOP_LOGPROBS = 20;
  private static final int MAX_ANSWER_TOKENS = 24;
  private static final double MIN_ANSWER_MASS = 0.5;

  private final CompletionsClient client;
  private final PromptFormat format;
  private final Taxonomy taxonomy;
  private final Tokenizer tokenizer;
  private final double categoryThreshold;
  private final Semaphore permits;
  private final int maxConcurrency;
  private final String model;

  private RemoteGuard(Builder b) {
    this.format = b.format;
    this.taxonomy = b.taxonomy != null ? b.taxonomy : b.format.defaultTaxonomy();
    this.tokenizer = b.tokenizer;
    this.categoryThreshold = b.categoryThreshold;
    this.permits = new Semaphore(b.maxConcurrency);
    this.maxConcurrency = b.maxConcurrency;
    this.model = b.model;
    this.client = new CompletionsClient(b.baseUrl, b.model, b.apiKey, b.timeout, b.retries,
        b.backoff, b.httpClient != null ? b.httpClient
            : HttpClient.newBuilder().connectTimeout(b.timeout).build());
  }

  static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  @Override
  public CompletableFuture<Verdict> classify(Conversation conversation, Taxonomy under) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(under, "taxonomy");
    if (!permits.tryAcquire()) {
      return CompletableFuture.failedFuture(new GuardException(Failure.Kind.OVERLOADED,
          "the remote guard already has " + maxConcurrency + " classifications in flight"));
    }
    long start = System.nanoTime();
    CompletableFuture<Verdict> verdict;
    try {
      Prompt prompt = format.render(tokenizer != null ? conversation : defused(conversation), under);
      verdict = score(prompt, under, start);
    } catch (RuntimeException e) {
      verdict = CompletableFuture.failedFuture(e);
    }
    verdict.whenComplete((v, e) -> permits.release());
    return verdict;
  }

  private CompletableFuture<Verdict> score(Prompt prompt, Taxonomy under, long start) {
    ObjectNode body = request(prompt, null);
    int sent = tokenizer == null ? -1 : body.get("prompt").size();
    return client.complete(body).thenCompose(json -> {
      CompletionAnswer answer = CompletionAnswer.parse(json);
      if (sent >= 0 && answer.promptTokens().isPresent()
          && answer.promptTokens().getAsInt() != sent) {
        throw new GuardException(Failure.Kind.ERROR, "the server counted "
            + answer.promptTokens().getAsInt() + " prompt tokens for the " + sent + " ids sent: "
            + "it does not take the prompt as Llama 3 token ids");
      }
      double unsafe = answer.probability("unsafe", UNSAFE)
          + answer.probability(" unsafe", SPACE_UNSAFE);
      double mass = unsafe + answer.probability("safe", SAFE)
          + answer.probability(" safe", SPACE_SAFE);
      if (mass < MIN_ANSWER_MASS) {
        return CompletableFuture.completedFuture(unanswered(unsafe, answer.text(),
            String.format(Locale.ROOT, "the server's model is not answering in the "
                + "Llama Guard format: P(safe) + P(unsafe) = %.4f at the answer position; is it a "
                + "%s model with the Llama 3 tokenizer?", mass, format.name()), start));
      }
      if (unsafe < categoryThreshold) {
        return CompletableFuture.completedFuture(
            verdict(true, unsafe, List.of(), firstLine(answer.text()), Optional.empty(), start));
      }
      if (answer.text().strip().startsWith("unsafe")) {
        return CompletableFuture.completedFuture(categories(unsafe, answer.text(), under, start));
      }
      // The greedy answer began "safe", yet P(unsafe) reaches the threshold: ask again with
      // "unsafe" forced, as the local guard does, to learn which categories.
      boolean space = answer.probability(" unsafe", SPACE_UNSAFE)
          > answer.probability("unsafe", UNSAFE);
      return client.complete(request(prompt, space ? " unsafe" : "unsafe")).thenApply(forced ->
          categories(unsafe, (space ? " unsafe" : "unsafe") + CompletionAnswer.parse(forced).text(),
              under, start));
    });
  }

  private Verdict categories(double unsafe, String text, Taxonomy under, long start) {
    String raw = twoLines(text);
    return switch (GuardAnswer.parse(raw, under)) {
      case GuardAnswer.Unsafe u -> verdict(false, unsafe, u.categories(), raw, Optional.empty(), start);
      case GuardAnswer.Malformed m -> verdict(false, unsafe, List.of(), raw, Optional.of(m.reason()), start);
      case GuardAnswer.Safe s -> verdict(false, unsafe, List.of(), raw,
          Optional.of("the answer reads 'safe' after 'unsafe' was forced"), start);
    };
  }

  private Verdict verdict(boolean belowThreshold, double unsafe, List<HazardCategory> categories,
      String raw, Optional<String> malformed, long start) {
    return new Verdict(belowThreshold, unsafe, categoryThreshold, categories, raw, malformed, true,
        modelName(), format.name(), (System.nanoTime() - start) / 1_000_000, false);
  }

  private Verdict unanswered(double unsafe, String raw, String reason, long start) {
    return new Verdict(false, unsafe, categoryThreshold, List.of(), raw, Optional.of(reason), false,
        modelName(), format.name(), (System.nanoTime() - start) / 1_000_000, false);
  }

  private String modelName() {
    return model == null ? client.baseUrl().toString() : model;
  }

  private ObjectNode request(Prompt prompt, String forced) {
    ObjectNode body = CompletionsClient.JSON.createObjectNode();
    if (tokenizer != null) {
      ArrayNode ids = body.putArray("prompt");
      for (int id : format.scoringTokens(prompt, tokenizer)) {
        ids.add(id);
      }
      if (forced != null) {
        for (int id : tokenizer.encode(forced)) {
          ids.add(id);
        }
      }
    } else {
      body.put("prompt", format.scoringText(prompt) + (forced == null ? "" : forced));
    }
    body.put("max_tokens", MAX_ANSWER_TOKENS);
    body.put("temperature", 0);
    body.put("logprobs", TOP_LOGPROBS);
    return body;
  }

  /** Message text with {@code <|} broken up, so a server parsing control tokens finds none in it. */
  private static Conversation defused(Conversation conversation) {
    return new Conversation(conversation.messages().stream()
        .map(m -> new Message(m.role(), m.content().replace("<|", "<\u200b|")))
        .toList());
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline);
  }

  /** The answer up to the end of its second line, as the local guard stops decoding there. */
  private static String twoLines(String text) {
    int lines = 0;
    boolean inLine = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        if (inLine && ++lines == 2) {
          return text.substring(0, i);
        }
        inLine = false;
      } else if (!Character.isWhitespace(c)) {
        inLine = true;
      }
    }
    return text;
  }

  @Override
  public Taxonomy taxonomy() {
    return taxonomy;
  }

  @Override
  public double categoryThreshold() {
    return categoryThreshold;
  }

  @Override
  public String name() {
    return "remote " + (model == null ? "" : model + " at ") + client.baseUrl()
        + " (" + format.name() + ")";
  }

  /** Remote guards hold no resources beyond the shared HTTP client's pooled connections. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return name();
  }

  /** Configures a {@link RemoteGuard}; only the base URL is required. */
  public static final class Builder {
    private final URI baseUrl;
    private String model;
    private PromptFormat format = PromptFormat.llamaGuard3();
    private Taxonomy taxonomy;
    private Tokenizer tokenizer;
    private String apiKey;
    private Duration timeout = Duration.ofSeconds(10);
    private int retries = 2;
    private Duration backoff = Duration.ofMillis(100);
    private int maxConcurrency = 64;
    private double categoryThreshold = 0.5;
    private HttpClient httpClient;

    private Builder(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
        throw new IllegalArgumentException("the remote guard's URL must be http(s)://host[:port]; got "
            + baseUrl);
      }
      this.baseUrl = baseUrl;
    }

    /** The model name the server serves it under (vLLM requires it; llama-server ignores it). */
    public Builder model(String value) {
      model = value;
      return this;
    }

    /** The model's prompt format (default {@code llama-guard-3}). */
    public Builder format(PromptFormat value) {
      format = Objects.requireNonNull(value, "format");
      return this;
    }

    /** The model's own taxonomy (default: the format's). */
    public Builder taxonomy(Taxonomy value) {
      taxonomy = value;
      return this;
    }

    /** Llama 3's tokenizer, to send exact token ids (recommended); see the class comment. */
    public Builder tokenizer(Tokenizer value) {
      tokenizer = value;
      return this;
    }

    /** Sent as {@code Authorization: Bearer}; never logged. */
    public Builder apiKey(String value) {
      apiKey = value;
      return this;
    }

    /** The longest one HTTP attempt may take, and the connect timeout (default 10 s). */
    public Builder timeout(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("timeout must be positive; got " + value);
      }
      timeout = value;
      return this;
    }

    /** Attempts after the first on connection failures, 429 and 5xx (default 2). */
    public Builder retries(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("retries must be >= 0; got " + value);
      }
      retries = value;
      return this;
    }

    /** The first retry's delay, doubled at each further one, with jitter (default 100 ms). */
    public Builder backoff(Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException("backoff must be >= 0; got " + value);
      }
      backoff = value;
      return this;
    }

    /** Calls in flight at most; more fail at once as overloaded (default 64). */
    public Builder maxConcurrency(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("max concurrency must be >= 1; got " + value);
      }
      maxConcurrency = value;
      return this;
    }

    /** The unsafe probability from which verdicts name their categories (default 0.5). */
    public Builder categoryThreshold(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("threshold must be within [0, 1]; got " + value);
      }
      categoryThreshold = value;
      return this;
    }

    /** The HTTP client to use (default: a new one, pooling its connections). */
    public Builder httpClient(HttpClient value) {
      httpClient = value;
      return this;
    }

    public RemoteGuard build() {
      return new RemoteGuard(this);
    }
  }
}
