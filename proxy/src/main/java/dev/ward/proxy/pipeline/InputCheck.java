package dev.ward.proxy.pipeline;

import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Guardrails;
import dev.ward.proxy.api.ApiRequest;
import io.vertx.core.Future;

/**
 * Checks the prompt with the route's guardrails. {@link Mode#BEFORE} waits for the decision
 * before calling the upstream; {@link Mode#CONCURRENT} calls both at once, holds the upstream's
 * answer until the decision, and cancels the upstream call when the prompt is blocked. In shadow
 * mode the decision is recorded and logged but never blocks.
 */
public final class InputCheck implements Stage {
  private final Guardrails rails;
  private final Mode mode;
  private final boolean shadow;
  private final Checks checks;
  private final int retryAfterSeconds;

  /** When the prompt is checked relative to the upstream call. */
  public enum Mode {
    BEFORE, CONCURRENT
  }

  public InputCheck(Guardrails rails, Mode mode, boolean shadow, CheckPermits permits,
      CheckObserver observer, int retryAfterSeconds) {
    this.rails = rails;
    this.mode = mode;
    this.shadow = shadow;
    this.checks = new Checks(permits, observer, "guard");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public Category category() {
    return Category.INPUT_CHECK;
  }

  @Override
  public Future<Reply> handle(Exchange exchange, Chain chain) {
    ApiRequest request = exchange.request().orElseThrow(
        () -> new IllegalStateException("an input check needs a parsed request"));
    if (!checks.permits().tryAcquire()) {
      checks.observer().rejected(exchange.route());
      return Future.succeededFuture(Refusals.overloaded(request.format(), retryAfterSeconds));
    }
    Future<Decision> decision = checks.run(exchange, "input",
        () -> rails.checkInputAsync(request.chat()));
    if (mode == Mode.BEFORE) {
      return decision.compose(d -> {
        exchange.input(d);
        return blocks(d) ? Future.succeededFuture(refusal(request, d)) : chain.proceed();
      });
    }
    Future<Reply> upstream = chain.proceed();
    return decision.compose(d -> {
      exchange.input(d);
      if (!blocks(d)) {
        return upstream;
      }
      exchange.cancel();
      upstream.onSuccess(reply -> reply.body().cancel());
      return Future.succeededFuture(refusal(request, d));
    });
  }

  private boolean blocks(Decision decision) {
    return decision.blocked() && !shadow;
  }

  private Reply refusal(ApiRequest request, Decision decision) {
    return Refusals.blockedInput(request.format(), decision, retryAfterSeconds);
  }
}
