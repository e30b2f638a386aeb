package dev.ward.proxy.pipeline;

import io.vertx.core.Future;

/**
 * The rest of a pipeline, as one stage sees it. A stage must call {@link #proceed()} at most
 * once: a second call is a bug in the stage and fails at once, naming it.
 */
public final class Chain {
  private final Pipeline pipeline;
  private final int index;
  private final Exchange exchange;
  private boolean proceeded;

  Chain(Pipeline pipeline, int index, Exchange exchange) {
    this.pipeline = pipeline;
    this.index = index;
    this.exchange = exchange;
  }

  /** Runs the next stage and returns its reply. */
  public Future<Reply> proceed() {
    Stage caller = pipeline.stages().get(index - 1);
    if (proceeded) {
      throw new IllegalStateException("stage " + caller.getClass().getSimpleName()
          + " called proceed() twice; it must call it at most once");
    }
    proceeded = true;
    if (index >= pipeline.stages().size()) {
      throw new IllegalStateException("stage " + caller.getClass().getSimpleName()
          + " is the last of its pipeline and has nothing to proceed to");
    }
    return pipeline.stages().get(index).handle(exchange, new Chain(pipeline, index + 1, exchange));
  }
}
