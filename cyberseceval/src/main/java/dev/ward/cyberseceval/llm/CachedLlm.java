package dev.ward.cyberseceval.llm;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A model whose answers are looked up in a {@link ResponseCache} first and stored there after. */
final class CachedLlm implements Llm {
  private final Llm delegate;
  private final ResponseCache cache;
  private final AtomicLong hits;

  CachedLlm(Llm delegate, ResponseCache cache, AtomicLong hits) {
    this.delegate = delegate;
    this.cache = cache;
    this.hits = hits;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String query(Query query) throws LlmException, InterruptedException {
    Optional<String> cached = cache.get(delegate.name(), query);
    if (cached.isPresent()) {
      hits.incrementAndGet();
      return cached.get();
    }
    String answer = delegate.query(query);
    cache.put(delegate.name(), query, answer);
    return answer;
  }
}
