package dev.ward.proxy.pipeline;

import dev.ward.guardrails.Decision;
import dev.ward.proxy.api.ApiRequest;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request through the proxy: what the client sent, what the checks decided, and the work to
 * stop when the client goes away or a check blocks. Confined to its event loop (its
 * {@link #context()}); stages hop back there before touching it.
 */
public final class Exchange {
  private final String id;
  private final Context context;
  private final HttpMethod method;
  private final String uri;
  private final MultiMap headers;
  private final Buffer body;
  private final ApiRequest request;
  private final String route;
  private final List<Runnable> onCancel = new ArrayList<>(4);
  private final long startNanos = System.nanoTime();
  private boolean cancelled;
  private boolean finished;
  private Decision input;
  private Decision output;
  private String outputNote;
  private long upstreamNanos = -1;

  public Exchange(String id, Context context, HttpMethod method, String uri, MultiMap headers,
      Buffer body, ApiRequest request, String route) {
    this.id = Objects.requireNonNull(id, "id");
    this.context = Objects.requireNonNull(context, "context");
    this.method = Objects.requireNonNull(method, "method");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.request = request;
    this.route = Objects.requireNonNull(route, "route");
  }

  public String id() {
    return id;
  }

  public Context context() {
    return context;
  }

  public HttpMethod method() {
    return method;
  }

  /** The path and query as the client sent them. */
  public String uri() {
    return uri;
  }

  public MultiMap headers() {
    return headers;
  }

  public Buffer body() {
    return body;
  }

  /** The parsed API request; empty on pass-through paths. */
  public Optional<ApiRequest> request() {
    return Optional.ofNullable(request);
  }

  public String route() {
    return route;
  }

  /** The API format of the request: parsed, else known from its path, else OpenAI's. */
  public dev.ward.proxy.api.ApiFormat format() {
    if (request != null) {
      return request.format();
    }
    int query = uri.indexOf('?');
    return dev.ward.proxy.api.ApiFormat.forPath(query < 0 ? uri : uri.substring(0, query))
        .orElse(dev.ward.proxy.api.ApiFormat.OPENAI_CHAT);
  }

  public long startNanos() {
    return startNanos;
  }

  /** Runs {@code action} when the exchange is cancelled (at once if it already is). */
  public void onCancel(Runnable action) {
    if (cancelled) {
      action.run();
    } else {
      onCancel.add(action);
    }
  }

  /** Stops every piece of work behind this exchange: the upstream call, checks under way. */
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    for (Runnable action : onCancel) {
      action.run();
    }
    onCancel.clear();
  }

  public boolean cancelled() {
    return cancelled;
  }

  /**
   * Marks the exchange finished; true only the first time. A request is logged and counted once,
   * though several paths may end it (a client that leaves cancels a body whose end follows).
   */
  public boolean markFinished() {
    if (finished) {
      return false;
    }
    finished = true;
    return true;
  }

  public Optional<Decision> input() {
    return Optional.ofNullable(input);
  }

  public void input(Decision decision) {
    input = decision;
  }

  /** The last output decision (for a stream: of its last checked window). */
  public Optional<Decision> output() {
    return Optional.ofNullable(output);
  }

  public void output(Decision decision) {
    output = decision;
  }

  /** Why the answer was stopped when no decision says it (e.g. it grew past the size limit). */
  public Optional<String> outputNote() {
    return Optional.ofNullable(outputNote);
  }

  public void outputNote(String note) {
    outputNote = note;
  }

  /** Nanoseconds from the upstream call to its response headers; -1 when not called. */
  public long upstreamNanos() {
    return upstreamNanos;
  }

  public void upstreamNanos(long nanos) {
    upstreamNanos = nanos;
  }
}
