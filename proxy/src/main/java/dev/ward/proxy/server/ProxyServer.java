package dev.ward.proxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Guardrails;
import dev.ward.proxy.api.ApiFormat;
import dev.ward.proxy.api.ApiRequest;
import dev.ward.proxy.api.BadRequestException;
import dev.ward.proxy.api.Json;
import dev.ward.proxy.config.PassThrough;
import dev.ward.proxy.config.ProxyConfig;
import dev.ward.proxy.config.RouteConfig;
import dev.ward.proxy.pipeline.CheckPermits;
import dev.ward.proxy.pipeline.Exchange;
import dev.ward.proxy.pipeline.Pipeline;
import dev.ward.proxy.pipeline.Refusals;
import dev.ward.proxy.pipeline.Reply;
import dev.ward.proxy.pipeline.UpstreamCall;
import dev.ward.proxy.pipeline.UpstreamException;
import dev.ward.proxy.pipeline.Verdicts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP side of the proxy: receives a request, reads its body within the limits, parses it in
 * its API's format, picks its route and runs the route's pipeline, then responds with the verdict
 * headers, records metrics and writes the access log line. Also serves {@code /health},
 * {@code /ready}, {@code /metrics} and Ward's own endpoints. Guarded routes answer 503 until the
 * models are loaded ({@link #install}); pass-through paths work from the start.
 */
public final class ProxyServer {
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong() >>> 16);

  private final Vertx vertx;
  private final ProxyConfig config;
  private final HttpClient client;
  private final CheckPermits permits;
  private final Metrics metrics;
  private final AccessLog accessLog;
  private final List<PassRoute> passRoutes = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();
  private volatile State state = State.LOADING;
  private volatile List<Route> routes = List.of();
  private volatile Endpoints endpoints;
  private volatile Backends backends;
  private volatile boolean routesByModel;

  enum State { LOADING, READY, FAILED, DRAINING }

  private record PassRoute(PassThrough config, Pipeline pipeline) {}

  public ProxyServer(Vertx vertx, ProxyConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
            .setTcpNoDelay(true).setDecompressionSupported(false).setMaxHeaderSize(64 << 10),
        new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(4096));
    this.permits = new CheckPermits(config.limits().maxConcurrentChecks(),
        config.limits().checkTimeout());
    this.metrics = new Metrics(permits);
    this.accessLog = AccessLog.open(config.accessLog());
    for (PassThrough pass : config.passThrough()) {
      passRoutes.add(new PassRoute(pass, Pipeline.of(new UpstreamCall(client,
          config.upstreams().get(pass.upstream()), false))));
    }
  }

  /**
   * Listens with one server per core on the configured port, each on its own event loop (they
   * share the port, and Vert.x spreads connections over them). Completes with the port.
   */
  public Future<Integer> listen() {
    HttpServerOptions options = new HttpServerOptions().setHost(config.host())
        .setTcpNoDelay(true).setMaxHeaderSize(config.limits().maxHeaderBytes())
        .setMaxInitialLineLength(Math.min(config.limits().maxHeaderBytes(), 64 << 10))
        .setCompressionSupported(false)
        // A connection that sends or takes nothing for a request timeout is closed: a client
        // trickling its body, or reading nothing of its answer, does not hold a socket forever.
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, config.limits().requestTimeout().toMillis()))
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
    // A negative port makes the instances share one random port; 0 would give each its own.
    int port = config.port() == 0 ? -1 : config.port();
    int[] bound = {0};
    return vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        HttpServer server = vertx.createHttpServer(options).requestHandler(ProxyServer.this::handle);
        synchronized (servers) {
          servers.add(server);
        }
        return server.listen(port).onSuccess(s -> bound[0] = s.actualPort());
      }
    }, new DeploymentOptions().setInstances(Math.max(1, Runtime.getRuntime().availableProcessors())))
        .map(id -> bound[0]);
  }

  /**
   * Loads the guard and scanner the configuration names (slow: a model file, grammars and rules;
   * call it off the event loop), unless given, then builds the routes and reports ready. Given
   * backends stay the caller's to close.
   */
  public void load(dev.ward.guardrails.Guard givenGuard, dev.ward.codeshield.CodeShield givenShield) {
    Backends loaded = Backends.load(config, givenGuard, givenShield);
    try {
      install(loaded);
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
    backends = loaded;
  }

  private void install(Backends loaded) {
    Guardrails shared = loaded.guardrails();
    List<Route> built = new ArrayList<>();
    for (RouteConfig route : config.routes()) {
      built.add(Route.build(route, shared, client, config.upstreams().get(route.upstream()),
          permits, metrics, config.limits().retryAfterSeconds()));
    }
    endpoints = new Endpoints(shared, permits, metrics, config.limits().retryAfterSeconds());
    routesByModel = built.stream().anyMatch(r -> r.config().model().isPresent());
    routes = List.copyOf(built);
    state = State.READY;
  }

  /** Loading failed: guarded routes keep answering 503, and {@code /ready} says so. */
  public void failed() {
    state = State.FAILED;
  }

  /** Stops taking requests and lets those in flight (streams included) finish within {@code grace}. */
  public Future<Void> shutdown(Duration grace) {
    state = State.DRAINING;
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (servers) {
      for (HttpServer server : servers) {
        closing.add(server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
      }
    }
    return Future.join(closing).eventually(() -> client.close()).<Void>mapEmpty()
        .onComplete(v -> {
          accessLog.close();
          if (backends != null) {
            backends.close();
          }
        });
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    switch (path) {
      case "/health" -> {
        plain(req, 200, "{\"status\":\"ok\"}", "application/json");
        return;
      }
      case "/ready" -> {
        plain(req, state == State.READY ? 200 : 503,
            "{\"status\":\"" + state.name().toLowerCase(java.util.Locale.ROOT) + "\"}",
            "application/json");
        return;
      }
      case "/metrics" -> {
        plain(req, 200, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8");
        return;
      }
      default -> { }
    }
    String id = requestId(req);
    // Errors before routing still speak the API the path names.
    Optional<ApiFormat> named = ApiFormat.forPath(path);
    ApiFormat errorFormat = named.orElse(ApiFormat.OPENAI_CHAT);
    Optional<String> badTarget = RequestTarget.problem(req.uri());
    if (badTarget.isPresent()) {
      reject(req, id, errorFormat, 400, "invalid_request_error", "invalid_path", badTarget.get());
      return;
    }
    if (twoKeys(req)) {
      // Ward routes by one, the upstream may authenticate by the other.
      reject(req, id, errorFormat, 400, "invalid_request_error", "conflicting_api_keys",
          "the request carries two different API keys (in Authorization or x-api-key); send one");
      return;
    }
    if (state == State.DRAINING) {
      req.response().putHeader("connection", "close");
      reject(req, id, errorFormat, 503, "api_error", "shutting_down",
          "Ward is shutting down; retry on another instance");
      return;
    }
    boolean post = req.method() == HttpMethod.POST;
    Optional<ApiFormat> format = post ? named : Optional.empty();
    Optional<ApiFormat> slashed = post && format.isEmpty() && path.endsWith("/")
        ? ApiFormat.forPath(path.replaceAll("/+$", "")) : Optional.empty();
    if (slashed.isPresent()) {
      // Many routers serve "/v1/chat/completions/" as the guarded path; Ward would pass it through.
      reject(req, id, slashed.get(), 400, "invalid_request_error", "invalid_path",
          "the path '" + path + "' has a trailing slash; send it without one");
      return;
    }
    boolean ward = post && Endpoints.handles(path);
    if (format.isPresent() || ward) {
      ApiFormat f = format.orElse(ApiFormat.OPENAI_CHAT);
      if (state != State.READY) {
        reject(req, id, f, 503, "api_error", "not_ready", state == State.FAILED
            ? "Ward could not load its models; see its log" : "Ward is still loading its models");
        return;
      }
      readBody(req, id, f, body -> {
        if (ward) {
          endpoint(req, id, path, body);
        } else {
          guarded(req, id, f, body);
        }
      });
      return;
    }
    for (PassRoute pass : passRoutes) {
      if (pass.config().matches(path)) {
        readBody(req, id, ApiFormat.OPENAI_CHAT, body -> run(req, new Exchange(id,
            vertx.getOrCreateContext(), req.method(), req.uri(), copy(req.headers()), body, null,
            "passthrough"), pass.pipeline(), null));
        return;
      }
    }
    reject(req, id, ApiFormat.OPENAI_CHAT, 404, "invalid_request_error", "unknown_path",
        "Ward does not serve or forward " + req.method() + " " + path);
  }

  private void guarded(HttpServerRequest req, String id, ApiFormat format, Buffer body) {
    String key = clientKey(req);
    if (!routesByModel) {
      // A route that checks nothing forwards the bytes unread: no parse on the fast path.
      for (Route route : routes) {
        if (route.config().matches(req.path(), "", key)) {
          if (!route.pipeline().guarded()) {
            run(req, new Exchange(id, vertx.getOrCreateContext(), req.method(), req.uri(),
                copy(req.headers()), body, null, route.name()), route.pipeline(), route);
            return;
          }
          break;
        }
      }
    }
    ApiRequest request;
    try {
      request = format.parse(body);
    } catch (BadRequestException e) {
      reject(req, id, format, 400, "invalid_request_error", "invalid_request", e.getMessage());
      return;
    }
    for (Route route : routes) {
      if (route.config().matches(req.path(), request.model(), key)) {
        Exchange exchange = new Exchange(id, vertx.getOrCreateContext(), req.method(), req.uri(),
            copy(req.headers()), body, request, route.name());
        run(req, exchange, route.pipeline(), route);
        return;
      }
    }
    reject(req, id, format, 404, "invalid_request_error", "no_route",
        "no route takes model '" + request.model() + "' on " + req.path() + " for this client");
  }

  private void endpoint(HttpServerRequest req, String id, String path, Buffer body) {
    Exchange exchange = new Exchange(id, vertx.getOrCreateContext(), req.method(), req.uri(),
        MultiMap.caseInsensitiveMultiMap(), body, null, "ward");
    Future<Reply> reply;
    try {
      JsonNode json = Json.parseObject(body, "the request body");
      reply = endpoints.handle(path, json, exchange);
    } catch (BadRequestException e) {
      reply = Future.succeededFuture(Refusals.error(ApiFormat.OPENAI_CHAT, 400,
          "invalid_request_error", "invalid_request", e.getMessage()));
    }
    respond(req, exchange, reply, null);
  }

  private void run(HttpServerRequest req, Exchange exchange, Pipeline pipeline, Route route) {
    Future<Reply> reply;
    try {
      reply = pipeline.run(exchange);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    respond(req, exchange, reply, route);
  }

  /** Sends the pipeline's reply, or an error; owns the request timeout and client disconnects. */
  private void respond(HttpServerRequest req, Exchange exchange, Future<Reply> reply,
      Route route) {
    ApiFormat format = exchange.format();
    boolean[] started = {false};
    boolean[] gone = {false};
    req.response().closeHandler(v -> {
      if (!req.response().ended()) {
        gone[0] = true;
        if (started[0]) {
          // Mid-response: the departure is logged here, before the cancel, whose failing body
          // may end the response in turn (finish logs a request once).
          finish(req, exchange, route, new Responder.Outcome(499,
              req.response().bytesWritten(), null), "client disconnected");
        }
        exchange.cancel();
      }
    });
    long timer = vertx.setTimer(config.limits().requestTimeout().toMillis(), t -> {
      if (!started[0] && !gone[0]) {
        started[0] = true;
        exchange.cancel();
        send(req, exchange, route, Refusals.error(format, 504, "api_error", "request_timeout",
            "no answer within " + config.limits().requestTimeout().toMillis() + " ms"), "timeout");
      }
    });
    reply.onComplete(result -> {
      if (started[0] || gone[0]) {
        if (result.succeeded()) {
          result.result().body().cancel();
        }
        if (gone[0] && !started[0]) {
          started[0] = true;
          vertx.cancelTimer(timer);
          finish(req, exchange, route, new Responder.Outcome(499, 0, null), "client disconnected");
        }
        return;
      }
      started[0] = true;
      vertx.cancelTimer(timer);
      if (result.succeeded()) {
        send(req, exchange, route, result.result(), null);
      } else {
        Throwable error = result.cause();
        int status = error instanceof UpstreamException u ? u.status()
            : error instanceof BadRequestException ? 400 : 500;
        String message = message(error);
        send(req, exchange, route, Refusals.error(format, status,
            status == 400 ? "invalid_request_error" : "api_error",
            status == 500 ? "internal_error" : "upstream_error",
            status == 500 ? "Ward failed on this request (id " + exchange.id() + ")" : message),
            message);
      }
    });
  }

  private void send(HttpServerRequest req, Exchange exchange, Route route, Reply reply,
      String error) {
    Reply out = reply.withHeader("x-request-id", exchange.id());
    if (route != null && route.pipeline().guarded()) {
      out = out.withHeader("x-ward-input-verdict", exchange.input()
          .map(d -> Verdicts.header(d, route.config().shadow())).orElse("none"));
      String type = reply.headers().get("content-type");
      boolean streamed = type != null && type.startsWith("text/event-stream");
      out = out.withHeader("x-ward-output-verdict", streamed ? Verdicts.STREAMED
          : exchange.output().map(d -> Verdicts.header(d, route.config().shadow())).orElse("none"));
    }
    Responder.send(req.response(), out, outcome -> finish(req, exchange, route, outcome,
        outcome.error() != null ? message(outcome.error()) : error));
  }

  private void finish(HttpServerRequest req, Exchange exchange, Route route,
      Responder.Outcome outcome, String error) {
    if (!exchange.markFinished()) {
      return;
    }
    long duration = System.nanoTime() - exchange.startNanos();
    String format = exchange.request().map(r -> r.format().id()).orElse("none");
    String input = exchange.input().map(d -> d.action().id()).orElse("none");
    String output = exchange.output().map(d -> d.action().id())
        .orElse(exchange.outputNote().isPresent() ? "block" : "none");
    metrics.request(exchange.route(), format, outcome.status(), input, output, duration,
        exchange.upstreamNanos());
    ObjectNode entry = Json.object();
    entry.put("ts", Instant.now().toString());
    entry.put("id", exchange.id());
    entry.put("remote", req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress());
    entry.put("method", req.method().name());
    entry.put("path", req.path());
    entry.put("route", exchange.route());
    entry.put("format", format);
    exchange.request().ifPresent(r -> {
      entry.put("model", r.model());
      entry.put("stream", r.stream());
    });
    entry.put("status", outcome.status());
    entry.put("bytes", outcome.bytes());
    entry.put("duration_ms", duration / 1e6);
    if (exchange.upstreamNanos() >= 0) {
      entry.put("upstream_ms", exchange.upstreamNanos() / 1e6);
    }
    exchange.input().ifPresent(d -> decision(entry, "input", d));
    exchange.output().ifPresent(d -> decision(entry, "output", d));
    exchange.outputNote().ifPresent(n -> entry.put("output_note", AccessLog.redact(n)));
    if (route != null && route.config().shadow()) {
      entry.put("shadow", true);
    }
    if (error != null) {
      entry.put("error", AccessLog.redact(error));
    }
    accessLog.log(entry);
  }

  private static void decision(ObjectNode entry, String name, Decision decision) {
    ObjectNode d = entry.putObject(name);
    d.put("action", decision.action().id());
    d.put("latency_ms", decision.latency().toNanos() / 1e6);
    if (decision.unsafeProbability().isPresent()) {
      d.put("unsafe_probability", decision.unsafeProbability().getAsDouble());
    }
    if (!decision.reasons().isEmpty()) {
      var reasons = d.putArray("reasons");
      decision.reasons().stream().limit(8).map(AccessLog::redact).forEach(reasons::add);
    }
  }

  /** Reads the body within the size limit; past it, answers 413 and closes the connection. */
  private void readBody(HttpServerRequest req, String id, ApiFormat format, Consumer<Buffer> then) {
    long max = config.limits().maxBodyBytes();
    String declared = req.getHeader("content-length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > max) {
          tooLarge(req, id, format, max);
          return;
        }
      } catch (NumberFormatException e) {
        reject(req, id, format, 400, "invalid_request_error", "invalid_request",
            "content-length is not a number");
        return;
      }
    }
    Buffer body = Buffer.buffer();
    boolean[] over = {false};
    req.handler(chunk -> {
      if (over[0]) {
        return;
      }
      if (body.length() + (long) chunk.length() > max) {
        over[0] = true;
        tooLarge(req, id, format, max);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.exceptionHandler(error -> over[0] = true);
    req.endHandler(v -> {
      if (!over[0]) {
        then.accept(body);
      }
    });
  }

  private void tooLarge(HttpServerRequest req, String id, ApiFormat format, long max) {
    req.response().putHeader("connection", "close");
    reject(req, id, format, 413, "invalid_request_error", "request_too_large",
        "the request body is larger than " + max + " bytes");
  }

  private void reject(HttpServerRequest req, String id, ApiFormat format, int status, String type,
      String code, String message) {
    Exchange exchange = new Exchange(id, vertx.getOrCreateContext(), req.method(), req.uri(),
        MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), null, "none");
    send(req, exchange, null, Refusals.error(format, status, type, code, message), message);
  }

  private static String message(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  private static void plain(HttpServerRequest req, int status, String body, String type) {
    req.response().setStatusCode(status).putHeader("content-type", type).end(body);
  }

  private static MultiMap copy(MultiMap headers) {
    return MultiMap.caseInsensitiveMultiMap().addAll(headers);
  }

  private static String requestId(HttpServerRequest req) {
    String given = req.getHeader("x-request-id");
    if (given != null && REQUEST_ID.matcher(given).matches()) {
      return given;
    }
    return Long.toHexString(IDS.incrementAndGet());
  }

  /**
   * Whether the request carries more than one distinct key, over every Authorization (bearer)
   * and x-api-key header: Ward routes by one, the upstream may authenticate by another.
   */
  private static boolean twoKeys(HttpServerRequest req) {
    Set<String> keys = new HashSet<>();
    for (String auth : req.headers().getAll("authorization")) {
      String token = bearer(auth);
      if (token != null) {
        keys.add(token);
      }
    }
    for (String apiKey : req.headers().getAll("x-api-key")) {
      keys.add(apiKey.strip());
    }
    return keys.size() > 1;
  }

  /** The client's API key, for routing by key: a bearer token or Anthropic's x-api-key. */
  private static String clientKey(HttpServerRequest req) {
    String token = bearer(req.getHeader("authorization"));
    return token != null ? token : req.getHeader("x-api-key");
  }

  private static String bearer(String authorization) {
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).strip() : null;
  }
}
