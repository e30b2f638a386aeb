package dev.ward.guard.tensor;

import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.gguf.GgufTensorInfo;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One matrix product ({@link MatMul#multiply}) on a real weight tensor of a GGUF file, in
 * isolation: {@code flops} (two per multiply-add) to hold against {@link FmaPeak}, and
 * {@code weightBytes} (the tensor's bytes once per product) for the memory-bound one-token
 * case. The kernel is chosen by {@code tokens}, as in the forward pass.
 *
 * <pre>
 * java -jar guard-jmh/target/benchmarks.jar MatMulBench -p model=/tmp/g1b-q8_0.gguf \
 *     -p tensor=blk.0.ffn_up.weight -p tokens=1,8,64,128 -p threads=1,2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,dev/ward/guard/tensor/*.dequantize"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class MatMulBench {
  /** A GGUF file; required. */
  @Param("")
  public String model;

  @Param("blk.0.ffn_up.weight")
  public String tensor;

  @Param({"1", "8", "64", "128"})
  public int tokens;

  @Param("2")
  public int threads;

  private GgufFile file;
  private WeightMatrix weights;
  private Parallel parallel;
  private float[] x;
  private float[] out;

  /** Work done, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long flops;
    public long weightBytes;

    @Setup(Level.Iteration)
    public void reset() {
      flops = 0;
      weightBytes = 0;
    }
  }

  @Setup
  public void open() {
    if (model.isEmpty()) {
      throw new IllegalArgumentException("name a GGUF file with -p model=PATH");
    }
    file = GgufFile.open(Path.of(model));
    GgufTensorInfo info = file.tensor(tensor).orElseThrow(() ->
        new IllegalArgumentException(model + " has no tensor " + tensor));
    weights = WeightMatrix.of(tensor, info.type(), Math.toIntExact(info.dim(1)),
        Math.toIntExact(info.dim(0)), file.data(info));
    parallel = Parallel.create(threads);
    Random random = new Random(1);
    x = new float[tokens * weights.cols()];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    out = new float[tokens * weights.rows()];
  }

  @TearDown
  public void close() {
    parallel.close();
    file.close();
  }

  @Benchmark
  public float multiply(Counters counters) {
    MatMul.multiply(weights, x, tokens, out, parallel);
    counters.flops += 2L * weights.rows() * weights.cols() * tokens;
    counters.weightBytes += weights.type().bytesFor((long) weights.rows() * weights.cols());
    return out[0];
  }
}
