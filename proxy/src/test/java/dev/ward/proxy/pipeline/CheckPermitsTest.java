package dev.ward.proxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckPermitsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWaiterFailsAfterTheLongestWaitAndLeavesTheQueue() throws Exception {
    CheckPermits permits = new CheckPermits(1, Duration.ofMillis(100));
    Context context = vertx.getOrCreateContext();
    assertThat(permits.tryAcquire()).isTrue();

    Future<Void> waiter = permits.acquire(context);
    Throwable failure = waiter.toCompletionStage().toCompletableFuture()
        .handle((v, e) -> e).get(10, TimeUnit.SECONDS);

    assertThat(failure).hasMessageContaining("no check could start within 100 ms");
    assertThat(permits.waiting()).isZero();
    permits.release();
    assertThat(permits.inFlight()).isZero();
  }

  @Test
  void aReleasedPermitPassesToTheNextWaiter() throws Exception {
    CheckPermits permits = new CheckPermits(1, Duration.ofSeconds(10));
    assertThat(permits.tryAcquire()).isTrue();
    Future<Void> waiter = permits.acquire(vertx.getOrCreateContext());

    permits.release();

    waiter.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(permits.inFlight()).isEqualTo(1);
    assertThat(permits.waiting()).isZero();
  }
}
