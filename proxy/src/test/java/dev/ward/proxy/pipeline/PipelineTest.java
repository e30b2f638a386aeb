package dev.ward.proxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private record Fake(Category category, boolean twice) implements Stage {
    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
      if (category == Category.UPSTREAM) {
        return Future.succeededFuture(Reply.json(200, Buffer.buffer("{}")));
      }
      Future<Reply> reply = chain.proceed();
      return twice ? chain.proceed() : reply;
    }
  }

  @Test
  void stagesMustComeInCategoryOrderEndingUpstream() {
    Stage input = new Fake(Stage.Category.INPUT_CHECK, false);
    Stage output = new Fake(Stage.Category.OUTPUT_CHECK, false);
    Stage upstream = new Fake(Stage.Category.UPSTREAM, false);
    assertThat(Pipeline.of(input, output, upstream).guarded()).isTrue();
    assertThat(Pipeline.of(upstream).guarded()).isFalse();
    assertThatThrownBy(() -> Pipeline.of(output, input, upstream))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot add [Fake, INPUT_CHECK] after [Fake, OUTPUT_CHECK]");
    assertThatThrownBy(() -> Pipeline.of(input, output))
        .hasMessageStartingWith("a pipeline must end with an UPSTREAM stage");
    assertThatThrownBy(() -> Pipeline.of(input, input, upstream))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStageThatProceedsTwiceFailsNamingIt() {
    Vertx vertx = Vertx.vertx();
    try {
      Pipeline pipeline = Pipeline.of(new Fake(Stage.Category.INPUT_CHECK, true),
          new Fake(Stage.Category.UPSTREAM, false));
      Exchange exchange = new Exchange("1", vertx.getOrCreateContext(), HttpMethod.POST, "/",
          MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), null, "r");
      assertThatThrownBy(() -> pipeline.run(exchange))
          .hasMessage("stage Fake called proceed() twice; it must call it at most once");
    } finally {
      vertx.close();
    }
  }
}
