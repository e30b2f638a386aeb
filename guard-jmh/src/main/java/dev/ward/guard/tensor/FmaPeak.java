package dev.ward.guard.tensor;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This CPU's float multiply-add peak through the Vector API: twelve independent chains of
 * {@code acc = acc * a + b} on the preferred species, no memory traffic, so nothing but the FMA
 * pipes limits it (twelve chains cover a 4-cycle latency on two pipes). The {@code flops}
 * counter is in float operations per second (an FMA counts two); run with {@code -t 2} for both
 * cores. The matrix kernels' {@code flops} ({@link MatMulBench}) are measured against it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeak {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int STEPS = 4096;

  /** Float operations done, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long flops;

    @Setup(Level.Iteration)
    public void reset() {
      flops = 0;
    }
  }

  @State(Scope.Thread)
  public static class Operands {
    float a = 0.999_999f;
    float b = 1e-7f;
  }

  @Benchmark
  public float fma(Operands o, Counters counters) {
    FloatVector a = FloatVector.broadcast(F, o.a);
    FloatVector b = FloatVector.broadcast(F, o.b);
    FloatVector c0 = FloatVector.broadcast(F, 1f);
    FloatVector c1 = c0.add(b);
    FloatVector c2 = c1.add(b);
    FloatVector c3 = c2.add(b);
    FloatVector c4 = c3.add(b);
    FloatVector c5 = c4.add(b);
    FloatVector c6 = c5.add(b);
    FloatVector c7 = c6.add(b);
    FloatVector c8 = c7.add(b);
    FloatVector c9 = c8.add(b);
    FloatVector c10 = c9.add(b);
    FloatVector c11 = c10.add(b);
    for (int i = 0; i < STEPS; i++) {
      c0 = c0.fma(a, b);
      c1 = c1.fma(a, b);
      c2 = c2.fma(a, b);
      c3 = c3.fma(a, b);
      c4 = c4.fma(a, b);
      c5 = c5.fma(a, b);
      c6 = c6.fma(a, b);
      c7 = c7.fma(a, b);
      c8 = c8.fma(a, b);
      c9 = c9.fma(a, b);
      c10 = c10.fma(a, b);
      c11 = c11.fma(a, b);
    }
    counters.flops += 2L * 12 * STEPS * F.length();
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
        .add(c11).reduceLanes(VectorOperators.ADD);
  }
}
