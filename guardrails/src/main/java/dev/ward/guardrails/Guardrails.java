package dev.ward.guardrails;

import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.ScanResult;
import dev.ward.codeshield.lang.Language;
import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.Verdict;
import dev.ward.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Ward's guardrails for an application's own LLM calls: check the prompt before calling the
 * model, and the answer before showing it. Each check returns a {@link Decision}: the policy
 * applied to what Llama Guard and Code Shield found, including checks that could not be done.
 *
 * {@snippet :
 * try (Guard guard = Guard.load(Path.of("llama-guard-3-1b.Q8_0.gguf"), LlamaGuard.Options.defaults())) {
 *   Guardrails rails = Guardrails.builder()
 *       .guard(guard)
 *       .codeShield(CodeShield.create())
 *       .policy(GuardrailPolicy.load(Path.of("policy.yaml")))
 *       .build();
 *   Chat chat = Chat.of(Chat.system("You are a helpful assistant."), Chat.user(prompt));
 *   if (rails.checkInput(chat).blocked()) {
 *     return "I can't help with that.";
 *   }
 *   String answer = callTheModel(chat);
 *   Decision output = rails.checkOutput(chat, answer);
 *   return output.blocked() ? "I can't show that answer." : answer;
 * }
 * }
 *
 * <p>Every check has a deadline ({@link Builder#timeout}); when it passes, the work behind the
 * check is cancelled (the forward pass, the category decoding, the remote call, the scan) and
 * the decision carries a {@link Failure.Kind#TIMEOUT} failure, which the policy maps to an action
 * like any other failure. Checks never throw for a failed check; they throw only for programming
 * errors (a null argument, an unknown language id). Cancelling a returned future cancels the
 * work too. Instances are immutable and thread-safe; {@link #withPolicy} makes another over the
 * same guard and scanner.
 */
public final class Guardrails {
  private final Guard guard;
  private final CodeShield codeShield;
  private final GuardrailPolicy policy;
  private final Duration timeout;
  private final Taxonomy taxonomy;

  private Guardrails(Guard guard, CodeShield codeShield, GuardrailPolicy policy, Duration timeout) {
    this.guard = guard;
    this.codeShield = codeShield;
    this.policy = policy;
    this.timeout = timeout;
    this.taxonomy = policy.taxonomy().orElse(guard == null ? null : guard.taxonomy());
    if (guard != null) {
      double lowest = policy.lowestThreshold(taxonomy);
      if (lowest < guard.categoryThreshold()) {
        throw new IllegalStateException("the policy acts from an unsafe probability of " + lowest
            + ", but the guard (" + guard.name() + ") names categories only from "
            + guard.categoryThreshold() + "; give the guard a threshold of at most " + lowest);
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Checks the user's side of a conversation before the model is called. */
  public Decision checkInput(Chat chat) {
    return await(checkInputAsync(chat));
  }

  /** As {@link #checkInput}, without blocking; cancelling the future cancels the check. */
  public CompletableFuture<Decision> checkInputAsync(Chat chat) {
    Objects.requireNonNull(chat, "chat");
    List<Part<?>> parts = new ArrayList<>();
    if (guard != null && policy.checks().input()) {
      GuardView.ofInput(chat).ifPresent(conversation -> parts.add(guardPart(guard::classify, conversation)));
    }
    return run(Check.INPUT, parts);
  }

  /** Checks the model's answer to a conversation: Llama Guard on it, Code Shield on its code. */
  public Decision checkOutput(Chat chat, String answer) {
    return await(checkOutputAsync(chat, answer));
  }

  /** As {@link #checkOutput}, without blocking; cancelling the future cancels the checks. */
  public CompletableFuture<Decision> checkOutputAsync(Chat chat, String answer) {
    return checkOutputAsync(chat, answer, guard == null ? null : guard::classify);
  }

  /**
   * Checks of one answer as it streams in: each check judges the answer so far, as
   * {@link #checkOutput} does, but the guard reuses what it computed for the previous check
   * ({@link Guard#session()}), so a re-check costs the new text rather than the whole answer.
   */
  public OutputSession outputSession(Chat chat) {
    return new OutputSession(Objects.requireNonNull(chat, "chat"),
        guard == null ? null : guard.session());
  }

  /** Checks of one streamed answer; see {@link #outputSession}. Checks run in order. */
  public final class OutputSession {
    private final Chat chat;
    private final Guard.Session session;

    private OutputSession(Chat chat, Guard.Session session) {
      this.chat = chat;
      this.session = session;
    }

    /** Checks the answer so far. */
    public Decision check(String answerSoFar) {
      return await(checkAsync(answerSoFar));
    }

    /** As {@link #check}, without blocking; cancelling the future cancels the check. */
    public CompletableFuture<Decision> checkAsync(String answerSoFar) {
      return checkOutputAsync(chat, answerSoFar, session);
    }
  }

  private CompletableFuture<Decision> checkOutputAsync(Chat chat, String answer,
      Guard.Session classifier) {
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(answer, "answer");
    List<Part<?>> parts = new ArrayList<>();
    if (classifier != null && policy.checks().output()) {
      parts.add(guardPart(classifier, GuardView.ofOutput(chat, answer)));
    }
    if (codeShield != null && policy.checks().code()) {
      parts.add(new Part<>("codeshield", () -> codeShield.scanMarkdownAsync(answer),
          Outcome::scan));
    }
    return run(Check.OUTPUT, parts);
  }

  /** Checks code in a known language (an id or alias: {@code python}, {@code c++}...) with Code Shield. */
  public Decision checkCode(String code, String language) {
    return await(checkCodeAsync(code, language));
  }

  /** As {@link #checkCode}, without blocking. */
  public CompletableFuture<Decision> checkCodeAsync(String code, String language) {
    Objects.requireNonNull(code, "code");
    Language lang = Language.of(language);
    if (codeShield == null) {
      throw new IllegalStateException("these guardrails have no Code Shield; add one with "
          + "Guardrails.builder().codeShield(CodeShield.create())");
    }
    return run(Check.CODE, List.of(new Part<>("codeshield",
        () -> codeShield.scanAsync(code, lang), Outcome::scan)));
  }

  /** Guardrails over the same guard and scanner under another policy. */
  public Guardrails withPolicy(GuardrailPolicy other) {
    return new Guardrails(guard, codeShield, Objects.requireNonNull(other, "policy"), timeout);
  }

  public GuardrailPolicy policy() {
    return policy;
  }

  public Optional<Guard> guard() {
    return Optional.ofNullable(guard);
  }

  public Optional<CodeShield> codeShield() {
    return Optional.ofNullable(codeShield);
  }

  /** The categories checks run under: the policy's taxonomy, else the guard's. */
  public Optional<Taxonomy> taxonomy() {
    return Optional.ofNullable(taxonomy);
  }

  public Duration timeout() {
    return timeout;
  }

  private Part<Verdict> guardPart(Guard.Session classifier, Conversation conversation) {
    return new Part<>("guard", () -> classifier.classify(conversation, taxonomy),
        (outcome, verdict) -> outcome.verdict(verdict, taxonomy));
  }

  /**
   * One check: the work that produces its result, and how its result enters the decision.
   * {@code start} runs at most once.
   */
  private record Part<T>(String source, java.util.function.Supplier<CompletableFuture<T>> start,
      BiConsumer<Outcome, T> apply) {}

  /** A part under way. */
  private record Running<T>(Part<T> part, CompletableFuture<T> work) {
    void cancel() {
      work.cancel(true);
    }

    /** Adds this part's result, or its failure, to the outcome. */
    void report(Outcome outcome, boolean deadlinePassed) {
      try {
        part.apply().accept(outcome, work.join());
      } catch (CancellationException e) {
        outcome.failure(new Failure(Failure.Kind.TIMEOUT, part.source(), deadlinePassed
            ? "no answer within the deadline; the check was cancelled"
            : "the check was cancelled"));
      } catch (CompletionException e) {
        outcome.failure(failureOf(part.source(), e.getCause() == null ? e : e.getCause()));
      } catch (RuntimeException e) {
        // A result the policy could not take in is a failed check, not a crash of the caller's.
        outcome.failure(failureOf(part.source(), e));
      }
    }
  }

  private static Failure failureOf(String source, Throwable error) {
    if (error instanceof GuardException g) {
      return new Failure(g.kind(), source, g.getMessage());
    }
    String message = error.getMessage() == null ? error.getClass().getSimpleName()
        : error.getMessage();
    return new Failure(Failure.Kind.ERROR, source, message);
  }

  private CompletableFuture<Decision> run(Check check, List<Part<?>> parts) {
    long start = System.nanoTime();
    CompletableFuture<Decision> decision = new CompletableFuture<>();
    List<Running<?>> running = new ArrayList<>(parts.size());
    for (Part<?> part : parts) {
      running.add(begin(part));
    }
    AtomicBoolean expired = new AtomicBoolean();
    CompletableFuture.allOf(running.stream().map(Running::work).toArray(CompletableFuture[]::new))
        .whenComplete((ignored, error) ->
            decision.complete(assemble(check, running, start, expired.get())));
    if (decision.isDone()) {
      // Every part answered at once (cached verdicts, nothing to check): no deadline to keep.
      return decision;
    }
    ScheduledFuture<?> deadline = Deadlines.after(timeout, () -> {
      expired.set(true);
      running.forEach(Running::cancel);
      decision.complete(assemble(check, running, start, true));
    });
    decision.whenComplete((d, error) -> {
      deadline.cancel(false);
      if (decision.isCancelled()) {
        running.forEach(Running::cancel);
      }
    });
    return decision;
  }

  private static <T> Running<T> begin(Part<T> part) {
    CompletableFuture<T> work;
    try {
      work = part.start().get();
    } catch (RuntimeException e) {
      work = CompletableFuture.failedFuture(e);
    }
    return new Running<>(part, work);
  }

  private Decision assemble(Check check, List<Running<?>> running, long start,
      boolean deadlinePassed) {
    Outcome outcome = new Outcome(policy);
    for (Running<?> part : running) {
      part.report(outcome, deadlinePassed);
    }
    return outcome.decide(check, Duration.ofNanos(System.nanoTime() - start));
  }

  private static Decision await(CompletableFuture<Decision> decision) {
    try {
      return decision.get();
    } catch (InterruptedException e) {
      decision.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while checking");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Configures {@link Guardrails}: a guard, a Code Shield, or both. */
  public static final class Builder {
    private Guard guard;
    private CodeShield codeShield;
    private GuardrailPolicy policy = GuardrailPolicy.DEFAULT;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The Llama Guard classifier; without one, prompts and answers are not classified. */
    public Builder guard(Guard value) {
      guard = Objects.requireNonNull(value, "guard");
      return this;
    }

    /** The insecure-code scanner; without one, answers' code is not scanned. */
    public Builder codeShield(CodeShield value) {
      codeShield = Objects.requireNonNull(value, "codeShield");
      return this;
    }

    public Builder policy(GuardrailPolicy value) {
      policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /** The longest a check may take, all its parts together (default 30 s). */
    public Builder timeout(Duration value) {
      Objects.requireNonNull(value, "timeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("timeout must be positive; got " + value);
      }
      timeout = value;
      return this;
    }

    public Guardrails build() {
      if (guard == null && codeShield == null) {
        throw new IllegalStateException("guardrails need a guard, a Code Shield, or both");
      }
      return new Guardrails(guard, codeShield, policy, timeout);
    }
  }
}
