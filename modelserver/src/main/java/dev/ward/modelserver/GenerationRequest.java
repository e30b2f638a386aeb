package dev.ward.modelserver;

import dev.ward.guard.sampling.SamplingParams;
import java.util.Objects;

/**
 * What to generate: after {@code prompt} (token ids, BOS included when wanted), at most
 * {@code maxTokens} tokens sampled under {@code sampling}.
 *
 * @param topLogprobs how many alternatives to report per generated token; -1 for none, 0 for
 *     only the chosen token's own log-probability
 */
record GenerationRequest(int[] prompt, int maxTokens, SamplingParams sampling, int topLogprobs) {
  GenerationRequest {
    Objects.requireNonNull(sampling, "sampling");
    if (prompt == null || prompt.length == 0) {
      throw new IllegalArgumentException("the prompt is empty");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be >= 1; got " + maxTokens);
    }
    prompt = prompt.clone();
  }

  @Override
  public int[] prompt() {
    return prompt;
  }
}
