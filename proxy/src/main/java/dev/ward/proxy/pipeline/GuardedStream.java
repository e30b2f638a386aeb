package dev.ward.proxy.pipeline;

import dev.ward.guardrails.Decision;
import dev.ward.guardrails.Guardrails;
import dev.ward.proxy.api.AnswerStream;
import dev.ward.proxy.api.ApiRequest;
import dev.ward.proxy.api.SseEvent;
import dev.ward.proxy.api.SseFramer;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;

/**
 * A streamed answer through a guarded window. Upstream events are cut at their blank lines and
 * held; their text accumulates into the answer. A check of the whole answer so far starts when
 * the unchecked text reaches the window size, when the oldest unchecked text has waited the
 * maximum hold time, or when the upstream ends. When it passes, the events it covered are
 * released byte for byte. When it blocks, the upstream call is cancelled, held events are
 * dropped, and the stream is ended in the API's own format ({@link AnswerStream#blocked()}).
 *
 * <p>In blocking mode no text reaches the client before a check that covers it passed, and with
 * {@link StreamPolicy#holdCode()} a fenced code block is held until its closing fence (or the end
 * of the answer) was checked too: Code Shield then sees every block whole before any line of it
 * is released, so a dangerous call cannot slip out one token ahead of the line that completes
 * it. Optimistic mode releases text at once and checks behind it; only the events after the last
 * text wait for the final check, so that a late block still ends the stream well-formed.
 *
 * <p>Checks cover the answer from its start, because the guard judges an answer in its context
 * and a code block may span windows; one check runs at a time, in one
 * {@link Guardrails.OutputSession}, so the guard evaluates only the text added since the previous
 * check (with a local guard, the KV cache of the answer so far is kept between checks). All
 * methods run on the exchange's event loop.
 */
final class GuardedStream implements Body, Body.Sink {
  private static final int MAX_EVENT_BYTES = 4 << 20;

  private final Body upstream;
  private final ApiRequest request;
  private final Guardrails.OutputSession checker;
  private final boolean shadow;
  private final StreamPolicy policy;
  private final Exchange exchange;
  private final Checks checks;
  private final AnswerStream format;
  private final SseFramer framer = new SseFramer(MAX_EVENT_BYTES);
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final StringBuilder answer = new StringBuilder();
  private final Fences fences = new Fences();
  private Body.Sink client;
  private int checkedUpTo;
  private boolean checking;
  private boolean upstreamEnded;
  private boolean finished;
  private long holdTimer = -1;

  /** An event waiting for release; {@code textEnd} is the answer's length after it. */
  private record Held(SseEvent event, int textEnd, boolean hasText, long arrivedNanos) {}

  GuardedStream(Body upstream, ApiRequest request, Guardrails rails, boolean shadow,
      StreamPolicy policy, Exchange exchange, Checks checks) {
    this.upstream = upstream;
    this.request = request;
    this.checker = rails.outputSession(request.chat());
    this.shadow = shadow;
    this.policy = policy;
    this.exchange = exchange;
    this.checks = checks;
    this.format = request.format().stream();
  }

  @Override
  public void start(Body.Sink sink) {
    client = sink;
    exchange.onCancel(this::cancel);
    upstream.start(this);
  }

  @Override
  public void pause() {
    upstream.pause();
  }

  @Override
  public void resume() {
    upstream.resume();
  }

  @Override
  public void cancel() {
    finished = true;
    cancelTimer();
    upstream.cancel();
  }

  // Upstream side.

  @Override
  public void chunk(Buffer chunk) {
    if (finished) {
      return;
    }
    try {
      for (SseEvent event : framer.feed(chunk)) {
        add(event);
      }
    } catch (IllegalStateException e) {
      stop(e.getMessage());
      return;
    }
    pump();
  }

  @Override
  public void end() {
    if (finished) {
      return;
    }
    Buffer rest = framer.rest();
    if (rest.length() > 0) {
      // A last event without its blank line is still an event to clients that read by line; what
      // holds no data field is checked as the raw text it is.
      SseEvent last = SseFramer.parse(rest);
      add(last.data().isEmpty()
          ? new SseEvent(rest, "", rest.toString(java.nio.charset.StandardCharsets.UTF_8).strip())
          : last);
    }
    upstreamEnded = true;
    pump();
  }

  @Override
  public void fail(Throwable error) {
    if (finished) {
      return;
    }
    finished = true;
    cancelTimer();
    // What was checked may still go out; then the API's error event says what happened.
    release(releasable());
    held.clear();
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    exchange.outputNote("upstream failed mid-stream: " + message);
    client.chunk(format.failed("the upstream stream failed: " + message));
    client.end();
  }

  private void add(SseEvent event) {
    String text = format.text(event);
    answer.append(text);
    held.add(new Held(event, answer.length(), !text.isEmpty(), System.nanoTime()));
    if (answer.length() > policy.maxAnswerChars()) {
      stop("the answer is longer than " + policy.maxAnswerChars()
          + " characters, more than Ward checks");
    }
  }

  // The window.

  private void pump() {
    if (finished) {
      return;
    }
    release(releasable());
    if (upstreamEnded && held.isEmpty()) {
      finished = true;
      cancelTimer();
      client.end();
      return;
    }
    if (checking) {
      return;
    }
    int unchecked = answer.length() - checkedUpTo;
    if (unchecked == 0) {
      // Everything held is covered: it waits only for a closing fence or for upstream events.
      if (upstreamEnded) {
        release(held.size());
        pump();
      }
      return;
    }
    long waited = System.nanoTime() - oldestUnchecked();
    long maxHold = policy.maxHold().toNanos();
    if (unchecked >= policy.windowChars() || upstreamEnded || waited >= maxHold) {
      check();
    } else if (holdTimer < 0) {
      long delayMillis = Math.max(1, (maxHold - waited) / 1_000_000);
      holdTimer = exchange.context().owner().setTimer(delayMillis, id -> {
        holdTimer = -1;
        pump();
      });
    }
  }

  private void check() {
    cancelTimer();
    checking = true;
    int covered = answer.length();
    String text = answer.toString();
    checks.runWhenFree(exchange, "stream", () -> checker.checkAsync(text))
        .onComplete(result -> {
          checking = false;
          if (finished) {
            return;
          }
          if (result.failed()) {
            stop("the answer could not be checked: " + result.cause().getMessage());
            return;
          }
          Decision decision = result.result();
          exchange.output(strictest(exchange.output().orElse(null), decision));
          if (decision.blocked() && !shadow) {
            block();
            return;
          }
          checkedUpTo = covered;
          pump();
        });
  }

  private static Decision strictest(Decision before, Decision now) {
    return before == null || now.action().strictest(before.action()) == now.action() ? now : before;
  }

  /** How many held events may go out now. */
  private int releasable() {
    if (policy.mode() == StreamPolicy.Mode.OPTIMISTIC) {
      // Text goes at once; the events after the last text (a finish chunk, [DONE]) wait, so that
      // a block found by the last check can still end the stream in the API's format.
      int count = 0;
      int i = 0;
      for (Held h : held) {
        i++;
        if (h.hasText()) {
          count = i;
        }
      }
      return count;
    }
    int limit = checkedUpTo;
    boolean wholeAnswerChecked = upstreamEnded && checkedUpTo == answer.length();
    if (policy.holdCode() && !wholeAnswerChecked) {
      limit = Math.min(limit, fences.openFenceStart(answer, limit));
    }
    int count = 0;
    for (Held h : held) {
      if (h.textEnd() > limit) {
        break;
      }
      count++;
    }
    return count;
  }

  private void release(int count) {
    for (int i = 0; i < count; i++) {
      Held h = held.poll();
      format.released(h.event());
      client.chunk(h.event().raw());
    }
  }

  private long oldestUnchecked() {
    for (Held h : held) {
      if (h.textEnd() > checkedUpTo) {
        return h.arrivedNanos();
      }
    }
    return System.nanoTime();
  }

  private void block() {
    finished = true;
    cancelTimer();
    upstream.cancel();
    held.clear();
    client.chunk(format.blocked());
    client.end();
  }

  /** Stops a stream that cannot be checked: fail closed, as a block. */
  private void stop(String why) {
    exchange.outputNote(why);
    block();
  }

  private void cancelTimer() {
    if (holdTimer >= 0) {
      exchange.context().owner().cancelTimer(holdTimer);
      holdTimer = -1;
    }
  }
}
