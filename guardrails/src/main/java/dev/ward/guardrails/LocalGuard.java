package dev.ward.guardrails;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.ConversationException;
import dev.ward.guard.llamaguard.GuardRejectedException;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.taxonomy.Taxonomy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Llama Guard in process, through {@link LlamaGuard}'s queue. */
final class LocalGuard implements Guard {
  private final LlamaGuard guard;
  private final boolean owned;

  LocalGuard(LlamaGuard guard, boolean owned) {
    this.guard = java.util.Objects.requireNonNull(guard, "guard");
    this.owned = owned;
  }

  @Override
  public CompletableFuture<Verdict> classify(Conversation conversation, Taxonomy taxonomy) {
    CompletableFuture<Verdict> verdict;
    try {
      verdict = guard.classifyAsync(conversation, taxonomy);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(translate(e));
    }
    CompletableFuture<Verdict> result = new CompletableFuture<>();
    verdict.whenComplete((v, error) -> {
      if (error == null) {
        result.complete(v);
      } else {
        result.completeExceptionally(translate(error));
      }
    });
    // Cancelling what the caller holds reaches the queue, which stops the forward pass.
    result.whenComplete((v, error) -> {
      if (result.isCancelled()) {
        verdict.cancel(true);
      }
    });
    return result;
  }

  private static Throwable translate(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return switch (e) {
      case GuardRejectedException r -> new GuardException(switch (r.reason()) {
        case QUEUE_FULL -> Failure.Kind.OVERLOADED;
        case TIMEOUT -> Failure.Kind.TIMEOUT;
        case CLOSED -> Failure.Kind.UNAVAILABLE;
      }, r.getMessage());
      case ConversationException c -> new GuardException(Failure.Kind.TOO_LARGE, c.getMessage());
      default -> e;
    };
  }

  @Override
  public Taxonomy taxonomy() {
    return guard.taxonomy();
  }

  @Override
  public double categoryThreshold() {
    return guard.options().alwaysCategories() ? 0 : guard.options().threshold();
  }

  @Override
  public String name() {
    return "local " + guard.modelName() + " (" + guard.format().name() + ")";
  }

  @Override
  public void close() {
    if (owned) {
      guard.close();
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
