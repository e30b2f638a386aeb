package dev.ward.modelserver;

import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.model.Sequence;
import dev.ward.guard.sampling.Probabilities;
import dev.ward.guard.sampling.Sampler;
import dev.ward.guard.tokenizer.Tokenizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Continuous batching over one model: a single scheduler thread keeps the generations in flight
 * and advances all of them together, one forward pass per step ({@link
 * Sequence#forwardTogether}), so the weights are read once per step for every request. A request
 * that arrives joins at the next step (its prompt is evaluated in the same pass as the others'
 * next tokens, in chunks so that a long prompt does not stall them); a finished or cancelled one
 * leaves at once. Each forward pass itself runs on all of the model's compute threads.
 *
 * <p>A bounded queue holds requests waiting for a slot; when it is full {@link #submit} refuses
 * at once ({@link Rejected}), which the HTTP layer turns into 429.
 */
final class Engine implements AutoCloseable {
  /*
   * Design notes. vLLM calls this "iteration-level scheduling" (Orca, OSDI '22): the batch is
   * re-formed at every decode step instead of once per request group, so a short request never
   * waits for a long one to finish. Ward's engine has no paged KV cache; each generation owns
   * its Sequence (KV cache grown by doubling), which bounds the batch by memory rather than by
   * pages. Prefill is chunked to PREFILL_CHUNK rows per step for the same reason llama.cpp's
   * server splits its batch (n_batch): decode latency of the others stays bounded.
   */
  static final int PREFILL_CHUNK = 64;
  private static final long IDLE_POLL_MILLIS = 100;

  /** The queue was full or the engine is closing. */
  static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  private final LlamaModel model;
  private final Tokenizer tokenizer;
  private final int maxBatch;
  private final BlockingQueue<Generation> waiting;
  private final Thread scheduler;
  private volatile boolean closing;

  Engine(LlamaModel model, Tokenizer tokenizer, int maxBatch, int queueCapacity) {
    if (maxBatch < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("batch size and queue capacity must be >= 1; got "
          + maxBatch + " and " + queueCapacity);
    }
    this.model = model;
    this.tokenizer = tokenizer;
    this.maxBatch = maxBatch;
    this.waiting = new ArrayBlockingQueue<>(queueCapacity);
    this.scheduler = Thread.ofPlatform().daemon().name("ward-model-scheduler").start(this::loop);
  }

  Tokenizer tokenizer() {
    return tokenizer;
  }

  int contextLength() {
    return model.config().contextLength();
  }

  /**
   * Queues a generation; its sink hears of every token and of the end.
   *
   * @throws Rejected when the queue is full or the engine closing
   */
  Generation submit(GenerationRequest request, GenerationSink sink) {
    if (closing) {
      throw new Rejected("the model server is shutting down");
    }
    Generation generation = new Generation(request, sink);
    if (!waiting.offer(generation)) {
      throw new Rejected("the model server is busy: " + waiting.size() + " requests are waiting");
    }
    return generation;
  }

  private void loop() {
    List<Generation> active = new ArrayList<>();
    while (!closing || !active.isEmpty() || !waiting.isEmpty()) {
      try {
        if (active.isEmpty()) {
          Generation first = waiting.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          active.add(first);
        }
        while (active.size() < maxBatch) {
          Generation next = waiting.poll();
          if (next == null) {
            break;
          }
          active.add(next);
        }
        active.removeIf(Generation::dropIfCancelled);
        if (!active.isEmpty()) {
          step(active);
        }
      } catch (InterruptedException e) {
        break;
      }
    }
    for (Generation g; (g = waiting.poll()) != null; ) {
      g.fail(new Rejected("the model server shut down before this request ran"));
    }
    active.forEach(g -> g.fail(new Rejected("the model server shut down during this request")));
  }

  /** One forward pass for every active generation, then one sampled token for each that is ready. */
  private void step(List<Generation> active) {
    List<Sequence> sequences = new ArrayList<>(active.size());
    List<int[]> tokens = new ArrayList<>(active.size());
    for (Generation g : active) {
      sequences.add(g.sequence());
      tokens.add(g.nextInput());
    }
    List<float[]> logits;
    try {
      logits = Sequence.forwardTogether(sequences, tokens,
          () -> active.stream().allMatch(Generation::cancelled));
    } catch (CancellationException e) {
      active.forEach(Generation::dropIfCancelled);
      active.clear();
      return;
    } catch (RuntimeException | OutOfMemoryError e) {
      // The sequences of a failed pass are unusable; the others' state is intact but they were
      // in the same pass, so all of them end with the error rather than a corrupt answer.
      active.forEach(g -> g.fail(e));
      active.clear();
      return;
    }
    Iterator<Generation> it = active.iterator();
    for (int i = 0; it.hasNext(); i++) {
      Generation g = it.next();
      if (g.prefilling()) {
        continue;
      }
      if (!g.accept(logits.get(i))) {
        it.remove();
      }
    }
  }

  /** Takes no new requests, lets those in flight finish within {@code grace}, then stops. */
  void close(Duration grace) {
    closing = true;
    try {
      if (!scheduler.join(grace)) {
        scheduler.interrupt();
        scheduler.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scheduler.interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /** One request in flight: its sequence, where its prompt stands, its sampler. */
  final class Generation {
    private final GenerationRequest request;
    private final GenerationSink sink;
    private final Sampler sampler;
    private Sequence sequence;
    private int prompted;
    private int generated;
    private int last = -1;
    private volatile boolean cancelled;
    private boolean done;

    private Generation(GenerationRequest request, GenerationSink sink) {
      this.request = request;
      this.sink = sink;
      this.sampler = new Sampler(request.sampling());
    }

    /** Asks the scheduler to drop this generation at its next step; the sink hears nothing more. */
    void cancel() {
      cancelled = true;
    }

    boolean cancelled() {
      return cancelled;
    }

    private Sequence sequence() {
      if (sequence == null) {
        sequence = model.newSequence();
      }
      return sequence;
    }

    private boolean prefilling() {
      return prompted < request.prompt().length;
    }

    private int[] nextInput() {
      if (prefilling()) {
        int count = Math.min(PREFILL_CHUNK, request.prompt().length - prompted);
        int[] chunk = Arrays.copyOfRange(request.prompt(), prompted, prompted + count);
        prompted += count;
        return chunk;
      }
      return new int[] {last};
    }

    private boolean dropIfCancelled() {
      if (cancelled && !done) {
        done = true;
      }
      return cancelled;
    }

    /** Samples the next token from {@code logits}; false when the generation has ended. */
    private boolean accept(float[] logits) {
      if (prefilling()) {
        return true;
      }
      if (cancelled) {
        done = true;
        return false;
      }
      int token = sampler.sample(logits);
      TokenChoice choice = request.topLogprobs() < 0 ? new TokenChoice(token, null)
          : new TokenChoice(token, new Probabilities(logits));
      generated++;
      boolean stopToken = tokenizer.isEndOfGeneration(token);
      boolean more;
      try {
        more = sink.token(choice, stopToken);
      } catch (RuntimeException e) {
        fail(e);
        return false;
      }
      if (stopToken || !more) {
        finish(FinishReason.STOP);
        return false;
      }
      if (generated >= request.maxTokens()
          || sequence.position() + 1 >= model.config().contextLength()) {
        finish(FinishReason.LENGTH);
        return false;
      }
      last = token;
      return true;
    }

    private void finish(FinishReason reason) {
      done = true;
      try {
        sink.finished(reason, request.prompt().length, generated);
      } catch (RuntimeException e) {
        // The sink's own failure (a vanished client) ends nothing else.
      }
    }

    private void fail(Throwable error) {
      if (done) {
        return;
      }
      done = true;
      try {
        sink.failed(error);
      } catch (RuntimeException e) {
        // As above.
      }
    }
  }
}
