package dev.ward.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.gguf.GgufTensorInfo;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.taxonomy.Action;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade over the real in-process classifier on the tiny Llama Guard fixture. */
class LocalGuardTest {
  private static LlamaGuard shared;

  @BeforeAll
  static void load() {
    shared = LlamaGuard.load(Fixtures.tinyGuard(), Fixtures.options().verdictCacheSize(0).build());
  }

  @AfterAll
  static void close() {
    if (shared != null) {
      shared.close();
    }
  }

  @Test
  void thresholdsDecideBetweenBlockAndAllow() {
    Guardrails strict = Guardrails.builder().guard(Guard.local(shared)).build();
    Guardrails lenient = strict.withPolicy(GuardrailPolicy.builder().threshold(0.99).build());
    Chat chat = Chat.ofUser("How do I bake bread?");

    Decision blocked = strict.checkInput(chat);
    Decision allowed = lenient.checkInput(chat);

    // This random-weight fixture puts P(unsafe) around 0.6 to 0.9 on short prompts.
    assertThat(blocked.unsafeProbability().orElseThrow()).isBetween(0.5, 0.99);
    assertThat(blocked.action()).isEqualTo(Action.BLOCK);
    // Random weights: the categories line it decodes is gibberish, which blocks too.
    assertThat(blocked.failure()).get().extracting(Failure::kind).isEqualTo(Failure.Kind.MALFORMED);
    assertThat(allowed.action()).isEqualTo(Action.ALLOW);
    assertThat(allowed.clean()).isTrue();
    assertThat(allowed.unsafeProbability().orElseThrow())
        .isCloseTo(blocked.unsafeProbability().orElseThrow(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(blocked.verdict()).get().extracting(v -> v.model()).isEqualTo("tiny-guard-q8_0.gguf");
  }

  @Test
  void aModelThatIsNotALlamaGuardFailsClosed() {
    try (Guard plain = Guard.load(Fixtures.model("tiny-llama3-q8_0.gguf"),
        Fixtures.options().build())) {
      Decision decision = Guardrails.builder().guard(plain).build()
          .checkInput(Chat.ofUser("How do I bake bread?"));

      assertThat(decision.action()).isEqualTo(Action.BLOCK);
      assertThat(decision.failure()).get().extracting(Failure::kind)
          .isEqualTo(Failure.Kind.MALFORMED);
      assertThat(decision.verdict()).get().matches(v -> !v.safe());
    }
  }

  @Test
  void aFullQueueIsAnOverloadFailure() {
    try (Guard small = Guard.load(Fixtures.tinyGuard(), Fixtures.options()
        .queueCapacity(1).concurrency(1).maxBatch(1).verdictCacheSize(0).build())) {
      Guardrails rails = Guardrails.builder().guard(small).policy(GuardrailPolicy.builder()
          .onFailure(Failure.Kind.OVERLOADED, Action.WARN).build()).build();
      List<CompletableFuture<Decision>> burst = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        burst.add(rails.checkInputAsync(Chat.ofUser("prompt number " + i)));
      }

      List<Decision> decisions = burst.stream().map(CompletableFuture::join).toList();

      assertThat(decisions).anySatisfy(d -> {
        assertThat(d.action()).isEqualTo(Action.WARN);
        assertThat(d.failure()).get().extracting(Failure::kind).isEqualTo(Failure.Kind.OVERLOADED);
      });
      assertThat(decisions).anySatisfy(d -> assertThat(d.failures())
          .noneMatch(f -> f.kind() == Failure.Kind.OVERLOADED));
    }
  }

  @Test
  void theDeadlineStopsTheForwardPass() throws InterruptedException {
    Guardrails rails = Guardrails.builder().guard(Guard.local(shared))
        .timeout(Duration.ofMillis(100)).build();
    // Long enough that the forward pass takes seconds on this model.
    Chat chat = Chat.ofUser("tell me a story about a bird and a tree. ".repeat(600));

    Decision decision = rails.checkInput(chat);
    long afterDeadline = engineCpuNanos();
    Thread.sleep(1_000);
    long oneSecondLater = engineCpuNanos();

    assertThat(decision.failure()).get().extracting(Failure::kind).isEqualTo(Failure.Kind.TIMEOUT);
    assertThat(decision.latency()).isLessThan(Duration.ofMillis(1_000));
    // Some work may finish the layer under way; after that the engine's threads are idle.
    Thread.sleep(500);
    assertThat(Duration.ofNanos(engineCpuNanos() - oneSecondLater))
        .as("engine CPU time spent from 1 s after the deadline")
        .isLessThan(Duration.ofMillis(20));
    assertThat(oneSecondLater).isGreaterThanOrEqualTo(afterDeadline);
  }

  @Test
  void nonFiniteLogitsAreAnErrorNeverAProbability(@TempDir Path dir) throws IOException {
    // The loader refuses NaN weights; finite but huge ones overflow in the forward pass.
    Path broken = withHugeWeights(Fixtures.tinyGuard(), "output_norm.weight", dir);
    try (Guard guard = Guard.load(broken, Fixtures.options().build())) {
      Decision decision = Guardrails.builder().guard(guard).build().checkInput(Chat.ofUser("hi"));

      assertThat(decision.action()).isEqualTo(Action.BLOCK);
      assertThat(decision.unsafeProbability()).isEmpty();
      assertThat(decision.failure()).get().satisfies(f -> {
        assertThat(f.kind()).isEqualTo(Failure.Kind.ERROR);
        assertThat(f.message()).contains("non-finite logits");
      });
    }
  }

  /** A copy of a model file whose tensor {@code name} (F32) holds the largest float everywhere. */
  private static Path withHugeWeights(Path model, String name, Path dir) throws IOException {
    byte[] original;
    try (GgufFile file = GgufFile.open(model)) {
      GgufTensorInfo tensor = file.tensor(name).orElseThrow();
      original = file.data(tensor).toArray(ValueLayout.JAVA_BYTE);
    }
    byte[] bytes = Files.readAllBytes(model);
    int at = indexOf(bytes, original);
    ByteBuffer huge = ByteBuffer.wrap(bytes, at, original.length).order(ByteOrder.LITTLE_ENDIAN);
    while (huge.remaining() >= Float.BYTES) {
      huge.putFloat(Float.MAX_VALUE);
    }
    return Files.write(dir.resolve("huge.gguf"), bytes);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("tensor bytes not found in the file");
  }

  /** CPU time of the guard's workers and the forward pass's compute threads. */
  private static long engineCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("ward-guard-")
          || info.getThreadName().startsWith("ward-compute-"))) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }
}
