package dev.ward.proxy.pipeline;

import io.vertx.core.Future;
import java.util.List;

/**
 * The stages of one route, in order, checked when the proxy starts: categories in
 * {@link Stage.Category} order, each at most once, ending with the upstream call. A bad order is
 * an {@link IllegalStateException} before any traffic arrives, never a surprise per request.
 */
public record Pipeline(List<Stage> stages) {
  public Pipeline {
    stages = List.copyOf(stages);
  }

  public static Pipeline of(Stage... stages) {
    List<Stage> list = List.of(stages);
    if (list.isEmpty() || list.getLast().category() != Stage.Category.UPSTREAM) {
      throw new IllegalStateException("a pipeline must end with an UPSTREAM stage; got "
          + list.stream().map(s -> s.getClass().getSimpleName()).toList());
    }
    for (int i = 1; i < list.size(); i++) {
      Stage before = list.get(i - 1);
      Stage stage = list.get(i);
      if (stage.category().compareTo(before.category()) <= 0) {
        throw new IllegalStateException("cannot add [" + stage.getClass().getSimpleName() + ", "
            + stage.category() + "] after [" + before.getClass().getSimpleName() + ", "
            + before.category() + "]: stages run " + List.of(Stage.Category.values()) + ", each once");
      }
    }
    return new Pipeline(list);
  }

  /** Runs the exchange through the stages. */
  public Future<Reply> run(Exchange exchange) {
    return stages.getFirst().handle(exchange, new Chain(this, 1, exchange));
  }

  /** Whether any stage checks content (a pass-through pipeline has only the upstream call). */
  public boolean guarded() {
    return stages.size() > 1;
  }
}
