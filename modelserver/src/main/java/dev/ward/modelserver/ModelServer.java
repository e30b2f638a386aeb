package dev.ward.modelserver;

import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.tokenizer.Tokenizer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A GGUF model served over the OpenAI API from Ward's in-process engine, so that it can be the
 * model under test of a benchmark, the upstream of the proxy, or a remote Llama Guard backend.
 *
 * {@snippet :
 * try (ModelServer server = ModelServer.start(ModelServer.Options.builder(Path.of("model.gguf"))
 *     .port(8000).build())) {
 *   System.out.println("serving at " + server.baseUrl());
 *   server.awaitClose();
 * }
 * }
 *
 * <p>Endpoints: {@code /v1/chat/completions} (plain and streamed), {@code /v1/completions} with
 * {@code logprobs} in vLLM's shape, {@code /v1/models}. Concurrent requests are batched
 * continuously ({@link Engine}); a full queue answers 429 with {@code Retry-After}.
 */
public final class ModelServer implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer http;
  private final Engine engine;
  private final LlamaModel model;
  private final String modelName;
  private final String template;
  private final String host;
  private final Object closeLock = new Object();
  private boolean closed;

  private ModelServer(Vertx vertx, HttpServer http, Engine engine, LlamaModel model,
      String modelName, String template, String host) {
    this.host = host;
    this.vertx = vertx;
    this.http = http;
    this.engine = engine;
    this.model = model;
    this.modelName = modelName;
    this.template = template;
  }

  /**
   * Loads the model and starts listening; returns once the port is bound.
   *
   * @throws dev.ward.guard.gguf.GgufException when the model file is unusable
   * @throws IllegalStateException when the port cannot be bound
   */
  public static ModelServer start(Options options) {
    LlamaModel model = LlamaModel.load(options.model(), options.threads());
    Engine engine = null;
    Vertx vertx = null;
    try {
      Tokenizer tokenizer = Tokenizer.fromGguf(model.file());
      ChatTemplate template = ChatTemplate.of(model.file().metadata());
      engine = new Engine(model, tokenizer, options.maxBatch(), options.queueCapacity());
      String name = options.modelName() != null ? options.modelName()
          : options.model().getFileName().toString();
      vertx = Vertx.vertx();
      Routes routes = new Routes(engine, template, name, options.defaultMaxTokens());
      HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost(options.host())
              .setPort(options.port()).setCompressionSupported(false))
          .requestHandler(routes.router(vertx))
          .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new ModelServer(vertx, http, engine, model, name, template.description(),
          options.host());
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      cleanUp(vertx, engine, model);
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RuntimeException r && !(e instanceof ExecutionException)) {
        throw r;
      }
      throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port()
          + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      cleanUp(vertx, engine, model);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the model server", e);
    }
  }

  private static void cleanUp(Vertx vertx, Engine engine, LlamaModel model) {
    if (vertx != null) {
      vertx.close();
    }
    if (engine != null) {
      engine.close(Duration.ZERO);
    }
    model.close();
  }

  /** The port bound (the one asked for, or the one the system chose for port 0). */
  public int port() {
    return http.actualPort();
  }

  /** {@code http://host:port}, the base URL clients take (they add {@code /v1/...}). */
  public URI baseUrl() {
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    String shown = wildcard ? "127.0.0.1" : host.contains(":") && !host.startsWith("[")
        ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + port());
  }

  /** The name the model is served under ({@code model} in requests and answers). */
  public String modelName() {
    return modelName;
  }

  /** Which chat template the server applies, and why. */
  public String chatTemplate() {
    return template;
  }

  /** Blocks until {@link #close} is called from another thread (or the thread is interrupted). */
  public void awaitClose() throws InterruptedException {
    synchronized (closeLock) {
      while (!closed) {
        closeLock.wait();
      }
    }
  }

  /** Stops listening, lets requests in flight finish (up to 30 s), then unloads the model. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      closeLock.notifyAll();
    }
    try {
      http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Closing anyway.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
    vertx.close();
    model.close();
  }

  /**
   * How to serve: the model file (required), where to listen, how many compute threads, how many
   * requests to batch and to queue, the default answer length.
   */
  public record Options(Path model, String host, int port, int threads, int maxBatch,
      int queueCapacity, int defaultMaxTokens, String modelName) {
    public Options {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within 0..65535; got " + port);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1; got " + threads);
      }
      if (maxBatch < 1 || maxBatch > 256) {
        throw new IllegalArgumentException("batch size must be within 1..256; got " + maxBatch);
      }
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queue capacity must be >= 1; got " + queueCapacity);
      }
      if (defaultMaxTokens < 1) {
        throw new IllegalArgumentException("default max tokens must be >= 1; got "
            + defaultMaxTokens);
      }
    }

    public static Builder builder(Path model) {
      return new Builder(model);
    }

    /** Defaults: 127.0.0.1:8000, a thread per core, batches of 16, 256 waiting, 1024 tokens. */
    public static final class Builder {
      private final Path model;
      private String host = "127.0.0.1";
      private int port = 8000;
      private int threads = Runtime.getRuntime().availableProcessors();
      private int maxBatch = 16;
      private int queueCapacity = 256;
      private int defaultMaxTokens = 1024;
      private String modelName;

      private Builder(Path model) {
        this.model = model;
      }

      public Builder host(String value) {
        host = value;
        return this;
      }

      /** 0 lets the system choose a free port. */
      public Builder port(int value) {
        port = value;
        return this;
      }

      public Builder threads(int value) {
        threads = value;
        return this;
      }

      public Builder maxBatch(int value) {
        maxBatch = value;
        return this;
      }

      public Builder queueCapacity(int value) {
        queueCapacity = value;
        return this;
      }

      /** Answer length when a request sets no {@code max_tokens} (the context may cut it). */
      public Builder defaultMaxTokens(int value) {
        defaultMaxTokens = value;
        return this;
      }

      /** The name to serve the model under (default: the file's name). */
      public Builder modelName(String value) {
        modelName = value;
        return this;
      }

      public Options build() {
        return new Options(model, host, port, threads, maxBatch, queueCapacity, defaultMaxTokens,
            modelName);
      }
    }
  }
}
