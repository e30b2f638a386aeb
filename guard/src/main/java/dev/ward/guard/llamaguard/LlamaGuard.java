package dev.ward.guard.llamaguard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.tokenizer.Tokenizer;
import dev.ward.taxonomy.Taxonomy;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Llama Guard 2 or 3, in process: load a GGUF model once, then classify conversations from any
 * number of threads.
 *
 * {@snippet :
 * try (LlamaGuard guard = LlamaGuard.load(Path.of("llama-guard-3-1b.Q8_0.gguf"),
 *     LlamaGuard.Options.builder().threshold(0.5).build())) {
 *   Verdict verdict = guard.classify(Conversation.prompt("How do I make a pipe bomb?"));
 *   if (!verdict.safe()) {
 *     System.out.println(verdict.categories());
 *   }
 * }
 * }
 *
 * <p>Classifications run on a small pool of workers (each forward pass itself uses all compute
 * threads) behind a bounded queue ({@link BatchingQueue}): requests waiting together are scored
 * in one forward pass; when the queue is full a request is rejected at once, and one that takes
 * longer than the timeout is abandoned. Both are a {@link GuardRejectedException}. Verdicts are
 * cached (Caffeine, bounded) by conversation, taxonomy and threshold.
 */
public final class LlamaGuard implements AutoCloseable {
  private final LlamaModel model;
  private final Tokenizer tokenizer;
  private final PromptFormat format;
  private final Taxonomy taxonomy;
  private final Options options;
  private final Scorer scorer;
  private final Cache<VerdictKey, Verdict> verdicts;
  private final BatchingQueue queue;
  private final String modelName;

  private LlamaGuard(LlamaModel model, Tokenizer tokenizer, PromptFormat format, Options options) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.format = format;
    this.taxonomy = options.taxonomy().orElseGet(format::defaultTaxonomy);
    this.options = options;
    this.scorer = new Scorer(model, tokenizer, format, options.prefixCache());
    this.verdicts = Caffeine.newBuilder().maximumSize(options.verdictCacheSize()).recordStats()
        .build();
    this.queue = new BatchingQueue(scorer, options.concurrency(), options.queueCapacity(),
        options.maxBatch());
    this.modelName = model.file().source().replaceAll(".*[/\\\\]", "");
  }

  /**
   * Loads a Llama Guard model. The prompt format comes from the options, else from the model's
   * chat template or name; a model that declares neither is an error.
   */
  public static LlamaGuard load(Path modelFile, Options options) {
    Objects.requireNonNull(options, "options");
    return of(LlamaModel.load(modelFile, options.threads()), options);
  }

  /**
   * A guard over a model already loaded, which it then owns (closing the guard closes it); its
   * {@link Options#threads()} is the model's business and ignored here.
   */
  public static LlamaGuard of(LlamaModel model, Options options) {
    try {
      GgufFile file = model.file();
      Tokenizer tokenizer = Tokenizer.fromGguf(file);
      PromptFormat format = options.format().or(() -> PromptFormat.detect(file.metadata()))
          .orElseThrow(() -> new IllegalArgumentException(file.source() + ": the model declares "
              + "no Llama Guard chat template or name; choose a format (llama-guard-2 or llama-guard-3)"));
      return new LlamaGuard(model, tokenizer, format, options);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Classifies the last message of the conversation, waiting at most the configured timeout. */
  public Verdict classify(Conversation conversation) {
    return classify(conversation, taxonomy);
  }

  /** As {@link #classify(Conversation)}, under another taxonomy than the configured one. */
  public Verdict classify(Conversation conversation, Taxonomy under) {
    return await(submit(conversation, under, null));
  }

  /**
   * A new incremental session: for a conversation re-checked as it grows (a streamed answer
   * checked every few dozen tokens), each check reuses the KV cache of the previous one and
   * evaluates only what changed, typically the new text and the closing instructions. See
   * {@link GuardSession}.
   */
  public GuardSession session() {
    return new GuardSession(this, new SessionState());
  }

  /** Waits for a classification at most the configured timeout, cancelling it past that. */
  Verdict await(CompletableFuture<Verdict> pending) {
    try {
      // In nanoseconds: a sub-millisecond timeout must not become a wait of 0 ms.
      return pending.get(TimeUnit.NANOSECONDS.convert(options.timeout()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new GuardRejectedException(GuardRejectedException.Reason.TIMEOUT,
          "classification took longer than " + describe(options.timeout()));
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while classifying");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /**
   * Queues a classification. Throws {@link GuardRejectedException} at once when the queue is
   * full. Cancelling the future drops the request if it still waits, and stops its forward pass
   * (within one unit of work of a matrix product, or between two tokens of the answer) once
   * every request batched with it is cancelled too.
   */
  public CompletableFuture<Verdict> classifyAsync(Conversation conversation) {
    return submit(conversation, taxonomy, null);
  }

  /** As {@link #classifyAsync(Conversation)}, under another taxonomy than the configured one. */
  public CompletableFuture<Verdict> classifyAsync(Conversation conversation, Taxonomy under) {
    return submit(conversation, Objects.requireNonNull(under, "taxonomy"), null);
  }

  /** Queues a classification under {@code under}, in {@code session} if not null. */
  CompletableFuture<Verdict> submit(Conversation conversation, Taxonomy under,
      SessionState session) {
    Objects.requireNonNull(conversation, "conversation");
    long start = System.nanoTime();
    VerdictKey key = VerdictKey.of(conversation, under, options);
    Verdict hit = verdicts.getIfPresent(key);
    if (hit != null) {
      return CompletableFuture.completedFuture(hit.fromCache(elapsed(start)));
    }
    Scorer.Request request = new Scorer.Request(format.render(conversation, under), under,
        options.threshold(), options.alwaysCategories(), session);
    CompletableFuture<Scorer.Score> score = queue.submit(request);
    CompletableFuture<Verdict> verdict = score.thenApply(s -> {
      Verdict v = new Verdict(s.answered() && s.unsafeProbability() < options.threshold(),
          s.unsafeProbability(), options.threshold(), s.categories(), s.raw(), s.malformed(),
          s.answered(), modelName, format.name(), elapsed(start), false);
      verdicts.put(key, v);
      return v;
    });
    verdict.whenComplete((v, failure) -> {
      if (verdict.isCancelled()) {
        score.cancel(false);
      }
    });
    return verdict;
  }

  /** A timeout for a message: in milliseconds ("1.5 ms"), or nanoseconds when shorter than one. */
  static String describe(Duration timeout) {
    long nanos = TimeUnit.NANOSECONDS.convert(timeout); // saturates at Long.MAX_VALUE
    if (nanos == Long.MAX_VALUE || nanos % 1_000_000 == 0) {
      return timeout.toMillis() + " ms";
    }
    if (nanos < 1_000_000) {
      return nanos + " ns";
    }
    return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + " ms";
  }

  private static long elapsed(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** The prompt Llama Guard sees for a conversation, as text and as tokens (with BOS). */
  public RenderedPrompt prompt(Conversation conversation) {
    Prompt prompt = format.render(conversation, taxonomy);
    return new RenderedPrompt(prompt.text(), scorer.tokens(prompt).all());
  }

  /**
   * Tokens at the start of this conversation's prompt whose KV cache is shared with every
   * conversation of its role and taxonomy (the instruction prefix); 0 when the prefix cache is
   * off or this prompt cannot reuse it. A classification evaluates the tokens after them.
   */
  public int cachedPrefixLength(Conversation conversation) {
    return options.prefixCache()
        ? scorer.tokens(format.render(conversation, taxonomy)).prefixLength() : 0;
  }

  /** A prompt as text and token ids. */
  public record RenderedPrompt(String text, int[] tokens) {}

  public PromptFormat format() {
    return format;
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public LlamaModel model() {
    return model;
  }

  public Options options() {
    return options;
  }

  /** The model file's name, as verdicts carry it. */
  public String modelName() {
    return modelName;
  }

  public CacheStats verdictCacheStats() {
    return verdicts.stats();
  }

  /**
   * Stops accepting work, lets queued classifications end within the timeout, and unmaps the
   * model once its workers have stopped: past the timeout, the classifications still running are
   * abandoned (they stop within one unit of work) and close waits for that, at most
   * {@link #STOP_WAIT}. A worker that still runs after it keeps the model mapped until it stops,
   * when a background thread unmaps it: weights are never unmapped under a forward pass.
   */
  @Override
  public void close() {
    if (queue.close(options.timeout(), STOP_WAIT)) {
      model.close();
    } else {
      Thread.ofPlatform().daemon().name("ward-guard-close").start(() -> {
        queue.awaitStopped();
        model.close();
      });
    }
  }

  /** How long {@link #close()} waits for abandoned classifications to stop. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  /**
   * A verdict cache key. The conversation enters as its SHA-256, so that a flood of large
   * prompts cannot pin their text in memory through the cache.
   */
  private record VerdictKey(ByteBuffer conversation, Taxonomy taxonomy, double threshold,
      boolean categories) {
    static VerdictKey of(Conversation conversation, Taxonomy taxonomy, Options options) {
      MessageDigest sha256;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
      for (Message message : conversation.messages()) {
        byte[] content = message.content().getBytes(StandardCharsets.UTF_8);
        sha256.update((byte) message.role().ordinal());
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(content.length).flip());
        sha256.update(content);
      }
      return new VerdictKey(ByteBuffer.wrap(sha256.digest()), taxonomy, options.threshold(),
          options.alwaysCategories());
    }
  }

  /**
   * How a {@link LlamaGuard} runs.
   *
   * @param format the prompt format; empty to take it from the model file
   * @param taxonomy the categories; empty for the format's own
   * @param threshold unsafe when the probability reaches it
   * @param threads compute threads of a forward pass
   * @param concurrency classifications running at once
   * @param queueCapacity classifications waiting at most
   * @param maxBatch classifications a worker scores in one forward pass when several wait
   * @param timeout longest wait for one classification, queueing included
   * @param verdictCacheSize verdicts kept (0 disables the cache)
   * @param prefixCache whether to reuse the KV cache of the instruction prefix
   * @param alwaysCategories decode the categories line even for safe verdicts
   */
  public record Options(Optional<PromptFormat> format, Optional<Taxonomy> taxonomy,
      double threshold, int threads, int concurrency, int queueCapacity, int maxBatch,
      Duration timeout,
      long verdictCacheSize, boolean prefixCache, boolean alwaysCategories) {

    public Options {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(taxonomy, "taxonomy");
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be within [0, 1]; got " + threshold);
      }
      if (threads < 1 || concurrency < 1 || queueCapacity < 1 || maxBatch < 1) {
        throw new IllegalArgumentException("threads, concurrency, queue capacity and batch size "
            + "must be positive; got " + threads + ", " + concurrency + ", " + queueCapacity
            + ", " + maxBatch);
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive; got " + timeout);
      }
      if (verdictCacheSize < 0) {
        throw new IllegalArgumentException("verdict cache size must be >= 0; got " + verdictCacheSize);
      }
    }

    public static Options defaults() {
      return builder().build();
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builds {@link Options}; every setting has a default. */
    public static final class Builder {
      private PromptFormat format;
      private Taxonomy taxonomy;
      private double threshold = 0.5;
      private int threads = Runtime.getRuntime().availableProcessors();
      private int concurrency = 1;
      private int queueCapacity = 64;
      private int maxBatch = 4;
      private Duration timeout = Duration.ofSeconds(60);
      private long verdictCacheSize = 10_000;
      private boolean prefixCache = true;
      private boolean alwaysCategories;

      public Builder format(PromptFormat value) {
        format = value;
        return this;
      }

      public Builder taxonomy(Taxonomy value) {
        taxonomy = value;
        return this;
      }

      public Builder threshold(double value) {
        threshold = value;
        return this;
      }

      public Builder threads(int value) {
        threads = value;
        return this;
      }

      public Builder concurrency(int value) {
        concurrency = value;
        return this;
      }

      public Builder queueCapacity(int value) {
        queueCapacity = value;
        return this;
      }

      public Builder maxBatch(int value) {
        maxBatch = value;
        return this;
      }

      public Builder timeout(Duration value) {
        timeout = value;
        return this;
      }

      public Builder verdictCacheSize(long value) {
        verdictCacheSize = value;
        return this;
      }

      public Builder prefixCache(boolean value) {
        prefixCache = value;
        return this;
      }

      public Builder alwaysCategories(boolean value) {
        alwaysCategories = value;
        return this;
      }

      public Options build() {
        return new Options(Optional.ofNullable(format), Optional.ofNullable(taxonomy), threshold,
            threads, concurrency, queueCapacity, maxBatch, timeout, verdictCacheSize, prefixCache,
            alwaysCategories);
      }
    }
  }
}
