package dev.ward.guard.model;

import dev.ward.guard.gguf.GgufException;
import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.gguf.GgufTensorInfo;
import dev.ward.guard.tensor.MatMul;
import dev.ward.guard.tensor.Parallel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Llama model loaded from a GGUF file: configuration, weights (mapped, not copied) and the
 * compute workers. Immutable and shared by all threads; state of an evaluation lives in a
 * {@link Sequence}. Close it to unmap the file and stop the workers.
 */
public final class LlamaModel implements AutoCloseable {
  private final GgufFile file;
  private final LlamaConfig config;
  private final LlamaWeights weights;
  private final Rope rope;
  private final Parallel parallel;
  private final AtomicBoolean closed = new AtomicBoolean();
  /**
   * Held (shared) by every forward pass and taken (exclusively) by {@link #close}: the kernels
   * read the weights through aliases of the mapping that the JVM does not check
   * ({@link LlamaWeights}), so the file is unmapped only once no pass can read it.
   */
  private final ReentrantReadWriteLock mapped = new ReentrantReadWriteLock();
  private final LongAdder layerSteps = new LongAdder();

  private LlamaModel(GgufFile file, LlamaConfig config, LlamaWeights weights, Parallel parallel) {
    this.file = file;
    this.config = config;
    this.weights = weights;
    this.rope = new Rope(config, weights.ropeFreqs);
    this.parallel = parallel;
  }

  /** Opens and validates a model file; {@code threads} compute workers (1 = calling thread). */
  public static LlamaModel load(Path path, int threads) {
    MatMul.requireSupportedVectors(); // before mapping the file; of() checks for its own callers
    GgufFile file = GgufFile.open(path);
    try {
      return of(file, threads);
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** Builds the model over an open file, which it then owns. */
  public static LlamaModel of(GgufFile file, int threads) {
    MatMul.requireSupportedVectors();
    LlamaConfig config;
    try {
      config = LlamaConfig.from(file.metadata());
    } catch (GgufException e) {
      throw e.getMessage().startsWith(file.source()) ? e
          : new GgufException(file.source() + ": " + e.getMessage());
    }
    GgufTensorInfo embedding = file.tensor(TensorNames.TOKEN_EMBEDDING).orElseThrow(() ->
        new GgufException(file.source() + ": tensor '" + TensorNames.TOKEN_EMBEDDING + "' is missing"));
    if (embedding.rank() != 2 || embedding.dim(1) > Integer.MAX_VALUE) {
      throw new GgufException(file.source() + ": tensor '" + embedding.name()
          + "' has wrong shape " + embedding.shape() + "; expected [" + config.dim() + ", vocabulary]");
    }
    int vocabulary = (int) embedding.dim(1);
    LlamaWeights weights = LlamaWeights.load(file, config, vocabulary);
    return new LlamaModel(file, config, weights, Parallel.create(threads));
  }

  public LlamaConfig config() {
    return config;
  }

  public GgufFile file() {
    return file;
  }

  /** Rows of the output layer: the number of token ids the model scores. */
  public int vocabularySize() {
    return weights.output.rows();
  }

  /** A new, empty sequence. */
  public Sequence newSequence() {
    return new Sequence(this,
        new KvCache(config.layers(), config.kvDim(), config.contextLength(), 256), 0);
  }

  /**
   * Transformer layers evaluated since the model was loaded, one per layer per forward step
   * (whatever the number of tokens in the step): a measure of work done, and the proof in tests
   * that a cancelled pass stops.
   */
  public long layerSteps() {
    return layerSteps.sum();
  }

  void countLayer() {
    layerSteps.increment();
  }

  LlamaWeights weights() {
    return weights;
  }

  Rope rope() {
    return rope;
  }

  Parallel parallel() {
    return parallel;
  }

  /**
   * Runs a forward pass with the weights mapped; {@link #close} waits for it.
   *
   * @throws IllegalStateException if the model is closed
   */
  void whileOpen(Runnable pass) {
    Lock lock = mapped.readLock();
    lock.lock();
    try {
      if (closed.get()) {
        throw new IllegalStateException("model " + file.source() + " is closed");
      }
      pass.run();
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@link #close} has been called: running passes then stop at their next check. */
  boolean isClosed() {
    return closed.get();
  }

  /**
   * Stops the workers and unmaps the file, after the forward passes running on other threads
   * have stopped (they are cancelled); later calls do nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      Lock lock = mapped.writeLock();
      lock.lock();
      try {
        parallel.close();
        file.close();
      } finally {
        lock.unlock();
      }
    }
  }
}
