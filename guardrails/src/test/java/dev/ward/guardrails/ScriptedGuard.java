package dev.ward.guardrails;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.taxonomy.HazardCategory;
import dev.ward.taxonomy.Taxonomies;
import dev.ward.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A guard that answers what a test tells it to, to test how {@link Guardrails} applies policies
 * and deadlines (the classifier itself is tested on real models elsewhere). It records what it
 * was asked and whether the caller cancelled.
 */
final class ScriptedGuard implements Guard {
  private final Supplier<CompletableFuture<Verdict>> answer;
  final List<Conversation> asked = new ArrayList<>();
  final List<CompletableFuture<Verdict>> calls = new ArrayList<>();

  private ScriptedGuard(Supplier<CompletableFuture<Verdict>> answer) {
    this.answer = answer;
  }

  /** Answers unsafe with this probability, naming these categories of Llama Guard 3. */
  static ScriptedGuard answering(double unsafeProbability, String... codes) {
    Taxonomy taxonomy = Taxonomies.named("llama-guard-3");
    List<HazardCategory> categories = new ArrayList<>();
    for (String code : codes) {
      categories.add(taxonomy.category(dev.ward.taxonomy.HazardCode.of(code)).orElseThrow());
    }
    Verdict verdict = new Verdict(unsafeProbability < 0.5, unsafeProbability, 0.5, categories,
        codes.length == 0 ? "safe" : "unsafe\n" + String.join(",", codes), Optional.empty(), true,
        "scripted", "llama-guard-3", 1, false);
    return new ScriptedGuard(() -> CompletableFuture.completedFuture(verdict));
  }

  static ScriptedGuard verdict(Verdict verdict) {
    return new ScriptedGuard(() -> CompletableFuture.completedFuture(verdict));
  }

  static ScriptedGuard failing(Failure.Kind kind) {
    return new ScriptedGuard(() -> CompletableFuture.failedFuture(new GuardException(kind, "scripted " + kind.id())));
  }

  /** Never answers: only a deadline or a cancellation ends the call. */
  static ScriptedGuard silent() {
    return new ScriptedGuard(CompletableFuture::new);
  }

  @Override
  public synchronized CompletableFuture<Verdict> classify(Conversation conversation, Taxonomy taxonomy) {
    asked.add(conversation);
    CompletableFuture<Verdict> call = answer.get();
    calls.add(call);
    return call;
  }

  @Override
  public Taxonomy taxonomy() {
    return Taxonomies.named("llama-guard-3");
  }

  @Override
  public double categoryThreshold() {
    return 0;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public void close() {}
}
