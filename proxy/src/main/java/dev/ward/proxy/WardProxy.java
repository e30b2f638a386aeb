package dev.ward.proxy;

import dev.ward.codeshield.CodeShield;
import dev.ward.guardrails.Guard;
import dev.ward.proxy.config.ProxyConfig;
import dev.ward.proxy.server.ProxyServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ward's guardrail reverse proxy: listens at once (so {@code /health} answers and pass-through
 * paths work), loads its models in the background ({@code /ready} turns 200 when done), then
 * guards every routed request. Stateless: any number of instances can share one configuration.
 *
 * {@snippet :
 * try (WardProxy proxy = WardProxy.builder(ProxyConfig.load(Path.of("ward.yaml"))).start()) {
 *   proxy.awaitReady(Duration.ofMinutes(2));
 *   System.out.println("guarding on port " + proxy.port());
 *   proxy.awaitShutdown();
 * }
 * }
 */
public final class WardProxy implements AutoCloseable {
  private final Vertx vertx;
  private final ProxyServer server;
  private final ProxyConfig config;
  private final int port;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private WardProxy(Builder builder) {
    this.config = builder.config;
    this.vertx = Vertx.vertx();
    this.server = new ProxyServer(vertx, config);
    try {
      this.port = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
          + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vertx.close();
      throw new IllegalStateException("interrupted while starting", e);
    }
    Thread.ofPlatform().name("ward-load").daemon().start(() -> {
      try {
        server.load(builder.guard, builder.codeShield);
        ready.complete(null);
      } catch (RuntimeException | Error e) {
        server.failed();
        ready.completeExceptionally(e);
      }
    });
  }

  public static Builder builder(ProxyConfig config) {
    return new Builder(config);
  }

  /** The port listened on (the configured one, or the one picked for port 0). */
  public int port() {
    return port;
  }

  public ProxyConfig config() {
    return config;
  }

  /** Waits until the models are loaded; rethrows why loading failed. */
  public void awaitReady(Duration timeout) {
    try {
      ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("models not loaded within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading", e);
    }
  }

  /** Blocks until {@link #close()} (or a shutdown hook) has stopped the proxy. */
  public void awaitShutdown() throws InterruptedException {
    try {
      closed.get();
    } catch (ExecutionException e) {
      // A failed shutdown still ends the wait.
    }
  }

  /** Stops taking requests; in-flight ones, streams included, finish within {@code grace}. */
  public void shutdown(Duration grace) {
    if (closed.isDone()) {
      return;
    }
    try {
      server.shutdown(grace).toCompletionStage().toCompletableFuture()
          .get(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Past the grace period what is left is cut off by closing Vert.x.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      vertx.close();
      closed.complete(null);
    }
  }

  /** {@link #shutdown} with the configured grace period. */
  @Override
  public void close() {
    shutdown(config.shutdownGrace());
  }

  /** Configures a {@link WardProxy}. */
  public static final class Builder {
    private final ProxyConfig config;
    private Guard guard;
    private CodeShield codeShield;

    private Builder(ProxyConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** A guard to use instead of the configured backend; it stays the caller's to close. */
    public Builder guard(Guard value) {
      guard = Objects.requireNonNull(value, "guard");
      return this;
    }

    /** A Code Shield to use instead of loading one. */
    public Builder codeShield(CodeShield value) {
      codeShield = Objects.requireNonNull(value, "codeShield");
      return this;
    }

    /** Listens, and starts loading the models; see {@link WardProxy#awaitReady}. */
    public WardProxy start() {
      return new WardProxy(this);
    }
  }
}
