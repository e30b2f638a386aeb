package dev.ward.proxy.pipeline;

import io.vertx.core.Future;

/**
 * One step of a guarded request, in the shape of OkHttp's interceptors: it gets the exchange and
 * either answers itself (a blocked prompt) or calls {@link Chain#proceed()} exactly once and may
 * change what comes back (a withheld answer). It runs on the exchange's event loop and never
 * blocks it: checks are futures.
 */
public interface Stage {
  /** Where the stage belongs in a pipeline; {@link Pipeline#of} checks the order at startup. */
  Category category();

  Future<Reply> handle(Exchange exchange, Chain chain);

  /** The kinds of stage, in the only order a pipeline accepts. */
  enum Category {
    /** Checks the prompt; may answer without calling on. */
    INPUT_CHECK,
    /** Checks the answer on its way back. */
    OUTPUT_CHECK,
    /** Calls the upstream API: the last stage, which does not call on. */
    UPSTREAM
  }
}
