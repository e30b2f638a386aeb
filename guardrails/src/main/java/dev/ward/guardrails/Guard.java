package dev.ward.guardrails;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.taxonomy.Taxonomy;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A Llama Guard classifier, wherever it runs: in process ({@link #local}, {@link #load}) or on
 * an inference server ({@link #remote}). {@link Guardrails} applies policies on top; a guard only
 * scores.
 *
 * <p>Contract for implementations: {@link #classify} never blocks the caller; it completes with
 * a verdict, or exceptionally with a {@link GuardException} saying what kind of failure kept it
 * from answering (any other exception counts as {@link Failure.Kind#ERROR}). Cancelling the
 * returned future stops the work behind it (a forward pass, an HTTP call). A verdict whose
 * unsafe probability reaches {@link #categoryThreshold()} names its categories.
 */
public interface Guard extends AutoCloseable {

  /** Classifies the last message of a conversation under a taxonomy. */
  CompletableFuture<Verdict> classify(Conversation conversation, Taxonomy taxonomy);

  /** The taxonomy the model was trained with, used when a policy names none. */
  Taxonomy taxonomy();

  /** The unsafe probability from which verdicts name their categories. */
  double categoryThreshold();

  /** What this guard is, for logs: model and where it runs. */
  String name();

  /** Releases what this guard owns; a guard over a shared model leaves the model open. */
  @Override
  void close();

  /**
   * A guard over an in-process Llama Guard that stays the caller's: closing the guard leaves it
   * open, so one loaded model can back several guards (each policy passes its own taxonomy).
   */
  static Guard local(LlamaGuard guard) {
    return new LocalGuard(guard, false);
  }

  /** Loads a Llama Guard model file into a guard that owns it (closing the guard unmaps it). */
  static Guard load(Path modelFile, LlamaGuard.Options options) {
    return new LocalGuard(LlamaGuard.load(modelFile, options), true);
  }

  /**
   * A guard on an OpenAI-compatible completions server with logprobs (vLLM, llama.cpp's
   * llama-server, {@code ward serve-model}) at {@code baseUrl}, e.g. {@code http://gpu-1:8000}.
   */
  static RemoteGuard.Builder remote(URI baseUrl) {
    return RemoteGuard.builder(baseUrl);
  }
}
