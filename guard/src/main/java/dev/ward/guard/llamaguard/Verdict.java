package dev.ward.guard.llamaguard;

import dev.ward.taxonomy.HazardCategory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Llama Guard's judgement of the last message of a conversation.
 *
 * @param safe whether {@code unsafeProbability < threshold}
 * @param unsafeProbability probability that the model's first answer token begins "unsafe"
 * @param threshold the threshold applied
 * @param categories the categories the model named (greedy decoding of its answer's second
 *     line), when it was asked for them; empty otherwise or when the answer was malformed
 * @param raw the model's answer as decoded (its first token only when categories were not asked)
 * @param malformed why the decoded answer does not follow Llama Guard's format, if it does not
 * @param answered whether the model answered in the Llama Guard format at all (its first answer
 *     token "safe" or "unsafe"); when false, {@code unsafeProbability} means nothing, the verdict
 *     is not safe and {@code malformed} says why
 * @param model the model file's name
 * @param format the prompt format used
 * @param latencyMillis time spent classifying (zero-ish when cached)
 * @param cached whether the verdict came from the verdict cache
 */
public record Verdict(boolean safe, double unsafeProbability, double threshold,
    List<HazardCategory> categories, String raw, Optional<String> malformed, boolean answered,
    String model, String format, long latencyMillis, boolean cached) {

  public Verdict {
    categories = List.copyOf(categories);
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(malformed, "malformed");
    if (!answered && (safe || malformed.isEmpty())) {
      throw new IllegalArgumentException("a verdict the model did not answer is neither safe nor "
          + "without a reason");
    }
  }

  Verdict fromCache(long latency) {
    return new Verdict(safe, unsafeProbability, threshold, categories, raw, malformed, answered, model,
        format, latency, true);
  }
}
