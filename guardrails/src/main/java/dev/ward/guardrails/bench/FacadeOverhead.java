package dev.ward.guardrails.bench;

import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guardrails.Chat;
import dev.ward.guardrails.Guard;
import dev.ward.guardrails.Guardrails;
import java.util.Arrays;

/**
 * What {@link Guardrails} adds to a classification over calling {@link LlamaGuard} directly: the
 * chat's conversion, the deadline, the policy and the decision. Both paths classify the same
 * prompt with the verdict already cached, so the model's own time (identical for both) drops out
 * and what remains is the cost of each path around it.
 */
public final class FacadeOverhead {
  /** Latencies in microseconds. */
  public record Result(int samples, double directP50, double directP99, double facadeP50,
      double facadeP99) {
    public double addedP50() {
      return round(facadeP50 - directP50);
    }

    public double addedP99() {
      return round(facadeP99 - directP99);
    }
  }

  private FacadeOverhead() {}

  /** Measures {@code samples} calls each way after as many warm-up calls. */
  public static Result run(LlamaGuard guard, String prompt, int samples) {
    Guardrails rails = Guardrails.builder().guard(Guard.local(guard)).build();
    Conversation conversation = Conversation.prompt(prompt);
    Chat chat = Chat.ofUser(prompt);
    guard.classify(conversation);
    long[] direct = new long[samples];
    long[] facade = new long[samples];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < samples; i++) {
        long start = System.nanoTime();
        guard.classify(conversation);
        direct[i] = System.nanoTime() - start;
        start = System.nanoTime();
        rails.checkInput(chat);
        facade[i] = System.nanoTime() - start;
      }
    }
    return new Result(samples, micros(direct, 0.5), micros(direct, 0.99), micros(facade, 0.5),
        micros(facade, 0.99));
  }

  private static double micros(long[] nanos, double quantile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return round(sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1000.0);
  }

  private static double round(double micros) {
    return Math.round(micros * 1000) / 1000.0;
  }
}
