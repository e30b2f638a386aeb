package dev.ward.guard.llamaguard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ward.guard.model.LlamaModel;
import dev.ward.guard.model.Sequence;
import dev.ward.guard.sampling.Generator;
import dev.ward.guard.sampling.Probabilities;
import dev.ward.guard.sampling.SamplingParams;
import dev.ward.guard.tokenizer.StreamingDecoder;
import dev.ward.guard.tokenizer.Tokenizer;
import dev.ward.taxonomy.GuardAnswer;
import dev.ward.taxonomy.HazardCategory;
import dev.ward.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs the model on a rendered prompt and reads the verdict off it.
 *
 * <p>Score: the softmax probability, at the first answer position, of the two tokens that begin
 * the word unsafe ({@code unsafe}, {@code " unsafe"}). A Llama Guard 3 prompt that stops at the
 * assistant header is first extended by the blank line the model writes there, so the score is
 * read where the word starts. Categories: the model's answer, with its first token forced to the
 * likelier "unsafe" token and the rest decoded greedily, parsed by the taxonomy module.
 *
 * <p>Prefix cache: the instruction prefix (template and category list) is the same for every
 * conversation of a role and taxonomy. Its KV cache is computed once, kept as a snapshot keyed by
 * its tokens, and each classification resumes from a copy, evaluating only the conversation and
 * the closing instructions.
 */
final class Scorer {
  private static final int MAX_ANSWER_TOKENS = 24;
  /**
   * A Llama Guard model puts nearly all of its first answer token's probability on "safe" or
   * "unsafe". Below this share it is not answering in that format (a wrong model, a broken
   * file), and its P(unsafe) means nothing: the verdict is malformed, never safe.
   */
  static final double MIN_ANSWER_MASS = 0.5;

  private final LlamaModel model;
  private final Tokenizer tokenizer;
  private final PromptFormat format;
  private final int unsafe;
  private final int spaceUnsafe;
  private final int safe;
  private final int spaceSafe;
  private final int blankLine;
  private final Cache<TokenKey, Sequence.Snapshot> prefixes;

  Scorer(LlamaModel model, Tokenizer tokenizer, PromptFormat format, boolean prefixCache) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.format = format;
    this.unsafe = singleToken("unsafe");
    this.spaceUnsafe = singleToken(" unsafe");
    this.safe = singleToken("safe");
    this.spaceSafe = singleToken(" safe");
    this.blankLine = singleToken("\n\n");
    this.prefixes = prefixCache ? Caffeine.newBuilder()
        .maximumWeight(1L << 30)
        .<TokenKey, Sequence.Snapshot>weigher((k, s) -> (int) Math.min(Integer.MAX_VALUE, s.bytes()))
        .build() : null;
  }

  private int singleToken(String text) {
    int[] ids = tokenizer.encode(text);
    if (ids.length != 1) {
      throw new IllegalStateException("the vocabulary has no single token for '" + text
          + "'; is this a Llama 3 model?");
    }
    return ids[0];
  }

  PromptTokens tokens(Prompt prompt) {
    PromptTokens tokens = PromptTokens.of(prompt, tokenizer, format.addsBos());
    if (tokens.all().length + 1 + MAX_ANSWER_TOKENS > model.config().contextLength()) {
      throw new ConversationException("the prompt is " + tokens.all().length
          + " tokens; with its answer it does not fit the model's context of "
          + model.config().contextLength());
    }
    return tokens;
  }

  /**
   * @param answered whether the model answered in the Llama Guard format at all; a verdict
   *     without an answer is never safe
   */
  record Score(double unsafeProbability, String raw, List<HazardCategory> categories,
      Optional<String> malformed, boolean answered) {
    Score(double unsafeProbability, String raw, List<HazardCategory> categories,
        Optional<String> malformed) {
      this(unsafeProbability, raw, categories, malformed, true);
    }
  }

  /** One conversation to score, rendered under its taxonomy. */
  record Request(Prompt prompt, Taxonomy taxonomy, double threshold, boolean alwaysCategories) {}

  /** A request ready to run: its sequence (resumed from the prefix snapshot) and its input. */
  record Prepared(Request request, Sequence sequence, int[] input) {}

  /**
   * Tokenizes a request and finds its prefix snapshot, computing it on first use; fails alone
   * when this request cannot be scored (a prompt beyond the context).
   */
  Prepared prepare(Request request) {
    PromptTokens tokens = tokens(request.prompt());
    Sequence sequence;
    int[] input;
    if (prefixes != null && tokens.prefixLength() > 0) {
      sequence = prefixes.get(new TokenKey(tokens.prefix()), key -> {
        Sequence fresh = model.newSequence();
        fresh.forward(key.tokens(), null);
        return fresh.snapshot();
      }).resume();
      input = tokens.afterPrefix();
    } else {
      sequence = model.newSequence();
      input = tokens.all();
    }
    if (format.endsAtHeader()) {
      input = Arrays.copyOf(input, input.length + 1);
      input[input.length - 1] = blankLine;
    }
    return new Prepared(request, sequence, input);
  }

  /**
   * Scores prepared requests together: their inputs go through the model in shared forward
   * steps, then each answer, when wanted, is decoded on its own.
   *
   * @param cancelled checked between layers; true abandons the whole batch
   */
  List<Score> score(List<Prepared> batch, BooleanSupplier cancelled) {
    List<float[]> logits = Sequence.forwardTogether(
        batch.stream().map(Prepared::sequence).toList(),
        batch.stream().map(Prepared::input).toList(), cancelled);
    List<Score> scores = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      scores.add(read(batch.get(i).request(), batch.get(i).sequence(), logits.get(i)));
    }
    return scores;
  }

  private Score read(Request request, Sequence sequence, float[] logits) {
    Probabilities p = new Probabilities(logits);
    double unsafeProbability = p.of(unsafe) + p.of(spaceUnsafe);
    double answerMass = unsafeProbability + p.of(safe) + p.of(spaceSafe);
    if (!Double.isFinite(answerMass)) {
      throw new IllegalStateException("the model produced non-finite logits (NaN or infinity): "
          + "its weights are broken");
    }
    if (answerMass < MIN_ANSWER_MASS) {
      String first = tokenizer.decode(new int[] {p.argmax()});
      return new Score(unsafeProbability, first, List.of(), Optional.of(String.format(
          java.util.Locale.ROOT, "the model is not answering in the Llama Guard format: "
              + "P(safe) + P(unsafe) = %.4f at the answer position (its likeliest token is '%s')",
          answerMass, first)), false);
    }
    if (unsafeProbability < request.threshold() && !request.alwaysCategories()) {
      String first = tokenizer.decode(new int[] {p.argmax()});
      return new Score(unsafeProbability, first, List.of(), Optional.empty());
    }
    int forced = p.of(unsafe) >= p.of(spaceUnsafe) ? unsafe : spaceUnsafe;
    String raw = answer(sequence, forced);
    return switch (GuardAnswer.parse(raw, request.taxonomy())) {
      case GuardAnswer.Unsafe u -> new Score(unsafeProbability, raw, u.categories(), Optional.empty());
      case GuardAnswer.Malformed m -> new Score(unsafeProbability, raw, List.of(), Optional.of(m.reason()));
      case GuardAnswer.Safe safe -> new Score(unsafeProbability, raw, List.of(), Optional.empty());
    };
  }

  /**
   * The answer after its forced first token, decoded greedily until the end of turn or the end
   * of the categories line: a well-formed answer has two lines, so a third is never needed.
   */
  private String answer(Sequence sequence, int first) {
    StreamingDecoder decoder = tokenizer.streamingDecoder();
    StringBuilder text = new StringBuilder(decoder.next(first));
    Generator.generate(sequence, new int[] {first}, null, MAX_ANSWER_TOKENS,
        SamplingParams.GREEDY, tokenizer::isEndOfGeneration, token -> {
          text.append(decoder.next(token));
          return text.toString().strip().lines().count() < 2 || !text.toString().endsWith("\n");
        });
    return text.append(decoder.finish()).toString();
  }

  /** Token ids as a cache key. */
  record TokenKey(int[] tokens) {
    @Override
    public boolean equals(Object o) {
      return o instanceof TokenKey k && Arrays.equals(tokens, k.tokens);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(tokens);
    }
  }
}
