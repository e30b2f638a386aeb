package dev.ward.proxy.pipeline;

import dev.ward.guardrails.Decision;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a guardrails check for an exchange: its completion comes back on the exchange's event
 * loop, a cancelled exchange cancels it (and with it the forward pass or remote call), its
 * permit is returned however it ends, and the observer hears of it.
 */
public final class Checks {
  private final CheckPermits permits;
  private final CheckObserver observer;
  private final String parts;

  /** @param parts what the checks run, for metrics (see {@link CheckObserver#checked}) */
  public Checks(CheckPermits permits, CheckObserver observer, String parts) {
    this.permits = permits;
    this.observer = observer;
    this.parts = parts;
  }

  /** What runs in an answer check under these guardrails. */
  static String outputParts(dev.ward.guardrails.Guardrails rails) {
    boolean guard = rails.guard().isPresent() && rails.policy().checks().output();
    boolean code = rails.codeShield().isPresent() && rails.policy().checks().code();
    return guard && code ? "guard+codeshield" : guard ? "guard" : "codeshield";
  }

  public CheckPermits permits() {
    return permits;
  }

  public CheckObserver observer() {
    return observer;
  }

  /** Runs a check under a permit already taken. */
  public Future<Decision> run(Exchange exchange, String kind, Supplier<CompletableFuture<Decision>> check) {
    CompletableFuture<Decision> work;
    try {
      work = check.get();
    } catch (RuntimeException e) {
      permits.release();
      return Future.failedFuture(e);
    }
    exchange.onCancel(() -> work.cancel(true));
    Promise<Decision> result = Promise.promise();
    work.whenComplete((decision, error) -> {
      permits.release();
      exchange.context().runOnContext(v -> {
        if (error != null) {
          result.tryFail(error);
        } else {
          observer.checked(exchange.route(), kind, parts, decision);
          result.tryComplete(decision);
        }
      });
    });
    return result.future();
  }

  /** Waits for a permit, then runs the check; an exchange cancelled meanwhile runs nothing. */
  public Future<Decision> runWhenFree(Exchange exchange, String kind,
      Supplier<CompletableFuture<Decision>> check) {
    return permits.acquire(exchange.context()).compose(v -> {
      if (exchange.cancelled()) {
        permits.release();
        return Future.failedFuture("cancelled");
      }
      return run(exchange, kind, check);
    });
  }
}
