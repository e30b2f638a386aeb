package dev.ward.guard.llamaguard;

import dev.ward.taxonomy.Taxonomy;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Incremental classification of one conversation as it grows, typically a streamed answer
 * re-checked every few dozen tokens. The session keeps the KV cache of its previous check's
 * prompt; a new check evaluates only the tokens after the longest prefix its prompt shares with
 * that one. When the last message grew, that is the new text plus the template's closing
 * instructions; when the conversation changed elsewhere (or the taxonomy), less is shared and
 * the check falls back towards a cold classification (from the instruction prefix cache when
 * that covers more). The scores are those of a cold classification: the cache rows kept were
 * computed from the same tokens at the same positions.
 *
 * {@snippet :
 * GuardSession session = guard.session();
 * StringBuilder answer = new StringBuilder();
 * for (String chunk : stream) {
 *   answer.append(chunk);
 *   if (!session.classify(Conversation.response(prompt, answer.toString())).safe()) {
 *     break; // stop the stream
 *   }
 * }
 * }
 *
 * <p>Threads: a session may be used from several threads, but its checks run one at a time, in
 * the order they were submitted (an asynchronous check queues behind the previous one); use one
 * session per conversation. Checks run on the guard's workers and queue, with its timeout and
 * cancellation; a check that fails or is cancelled leaves the session empty, and the next check
 * starts cold. Memory: a session holds the KV cache of its last prompt (float32, per token
 * {@code 2 * layers * kvDim * 4} bytes, 256 KiB for Llama Guard 2 8B) until {@link #clear()} or
 * until the session is no longer referenced.
 */
public final class GuardSession {
  private final LlamaGuard guard;
  private final SessionState state;
  private CompletableFuture<?> previous = CompletableFuture.completedFuture(null);

  GuardSession(LlamaGuard guard, SessionState state) {
    this.guard = guard;
    this.state = state;
  }

  /** Classifies the conversation's last message, waiting at most the guard's timeout. */
  public Verdict classify(Conversation conversation) {
    return guard.await(classifyAsync(conversation));
  }

  /**
   * Queues a check behind this session's previous one. Cancelling the future abandons the
   * check (and empties the session).
   */
  public CompletableFuture<Verdict> classifyAsync(Conversation conversation) {
    return classifyAsync(conversation, guard.taxonomy());
  }

  /** As {@link #classifyAsync(Conversation)}, under another taxonomy than the guard's. */
  public synchronized CompletableFuture<Verdict> classifyAsync(Conversation conversation,
      Taxonomy under) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(under, "taxonomy");
    CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    CompletableFuture<Void> finished = new CompletableFuture<>();
    previous.whenComplete((ignored, failure) -> start(conversation, under, verdict, finished));
    previous = finished;
    return verdict;
  }

  /**
   * Submits a check whose turn has come, unless it was cancelled while it waited; completes
   * {@code finished} when the next check may start.
   */
  private void start(Conversation conversation, Taxonomy under, CompletableFuture<Verdict> verdict,
      CompletableFuture<Void> finished) {
    if (verdict.isDone()) {
      finished.complete(null);
      return;
    }
    CompletableFuture<Verdict> running;
    try {
      running = guard.submit(conversation, under, state);
    } catch (RuntimeException e) {
      verdict.completeExceptionally(e);
      finished.complete(null);
      return;
    }
    running.whenComplete((v, failure) -> {
      if (failure != null) {
        state.clear();
        verdict.completeExceptionally(failure);
      } else {
        verdict.complete(v);
      }
      finished.complete(null);
    });
    verdict.whenComplete((v, failure) -> {
      if (verdict.isCancelled()) {
        running.cancel(true);
      }
    });
  }

  /** Tokens of the previous prompt whose KV cache the session holds (0 when empty). */
  public int cachedTokens() {
    return state.heldTokens();
  }

  /** Drops the cache; the next check starts cold. */
  public synchronized void clear() {
    previous = previous.handle((ignored, failure) -> {
      state.clear();
      return null;
    });
  }
}
